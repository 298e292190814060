import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { ClientKeys } from '../client-auth/client-keys.js';
import type { Client } from '../clients/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import { invalidRequest, invalidScope } from '../errors/error-factories.js';
import { verifyClientJwt, type JwtFailures } from '../protocol/client-jwt.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import { optionalParameter } from '../protocol/form-fields.js';
import type { ConsentRepository, ReplayCacheRepository } from '../storage/ports.js';
import type { KeyStore } from '../tokens/key-store.js';
import type { BackchannelRequestDraft } from './ciba-lifecycle.js';
import { checkStagedConsent, requestedScope, type AuthorizationPolicy } from './authorization-request.validator.js';
import { readClaimsRequest } from './claims-request.js';
import { scopeRule } from './scope-rules.js';

/** FAPI-CIBA §5.2.2 (by FAPI 1.0 Advanced §5.2.2-13, -17): `exp` at most 60 minutes after `nbf`, `nbf` at most 60 minutes old. */
const MAX_WINDOW_SECONDS = 3600;
/** The longest `binding_message` shown on the bank app (CIBA Core §7.1 asks for a short, plain-text message). */
const MAX_BINDING_MESSAGE_LENGTH = 128;
const MAX_NOTIFICATION_TOKEN_LENGTH = 1024;
const MAX_REQUESTED_EXPIRY_SECONDS = 86_400;

const fail = (description: string, reason: ReasonKey, detail?: string) =>
  invalidRequest(description, reason, detail === undefined ? {} : { detail });

const REQUEST_FAILURES: JwtFailures = {
  name: 'signed authentication request',
  malformed: 'backchannel_request_malformed',
  signature: 'backchannel_request_signature_invalid',
  expired: 'backchannel_request_expired',
  claim: 'backchannel_request_claim_invalid',
  missing: 'backchannel_request_claim_invalid',
  replayed: 'backchannel_request_replayed',
  error: fail,
};

/** What reading a backchannel authentication request needs. */
export interface BackchannelRequestReader {
  readonly issuer: string;
  readonly policy: AuthorizationPolicy;
  readonly clientKeys: ClientKeys;
  /** obas's own keys: an `id_token_hint` must be an ID token obas signed. */
  readonly keys: Pick<KeyStore, 'verificationKey'>;
  readonly replay: ReplayCacheRepository;
  /** The PSU subject a hint names: a sandbox PSU's username or subject, else undefined. */
  readonly findSubject: (hint: string) => string | undefined;
  readonly consents: Pick<ConsentRepository, 'find'>;
}

/**
 * Reads a backchannel authentication request (OpenID CIBA Core 1.0 §7.1, §7.1.1; FAPI-CIBA §5.2.2): the parameters are
 * taken from the signed request object in `request` only (PS256/ES256, the client's registered
 * `backchannel_authentication_request_signing_alg`; `iss` the client_id, `aud` the issuer, `exp`, `nbf`, `iat`, `jti`
 * required, `exp − nbf` ≤ 60 min, `nbf` at most 60 min old, the `jti` used once across processes). The scope must
 * include `openid` and be registered; exactly one hint names the PSU: `login_hint` (a sandbox PSU's username or
 * subject) or `id_token_hint` (an ID token obas issued to this client, expired or not); `login_hint_token` is refused (obas defines
 * no format for it). A UK `openbanking_intent_id` (top-level claim or in `claims`) must name a staged consent, as in the
 * redirect flow.
 */
export async function readBackchannelRequest(form: FormParameters, client: Client, reader: BackchannelRequestReader, now: Date): Promise<BackchannelRequestDraft> {
  const requestObject = optionalParameter(form, 'request');
  if (requestObject === undefined || requestObject === '') {
    throw fail('The authentication request must be signed: send it as a request object in the request parameter', 'backchannel_request_unsigned');
  }
  const claims = await verifyClientJwt(requestObject, keysOf(client, reader.clientKeys), now, {
    failures: REQUEST_FAILURES,
    ...(client.backchannel?.requestSigningAlg === undefined ? {} : { registeredAlg: client.backchannel.requestSigningAlg }),
    requiredClaims: ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti'],
    maxLifetimeSeconds: MAX_WINDOW_SECONDS,
    checkClaims: (verified) => checkEnvelope(verified, client.clientId, reader.issuer, now),
    singleUse: { replay: reader.replay, namespace: 'ciba-request', scope: client.clientId },
  });
  const text = (name: string) => stringClaim(claims, name);
  const scope = requestedScope(text('scope'), client, reader.policy, false);
  if (!scope.includes('openid')) throw invalidScope('A backchannel authentication request needs the openid scope (CIBA Core section 7.1)');
  if (text('user_code') !== undefined) throw fail('obas supports no user_code (backchannel_user_code_parameter_supported is false)', 'parameter_invalid');
  const subject = await subjectOf(claims, client, reader);
  const bindingMessage = readBindingMessage(text('binding_message'));
  const requested = readClaimsRequest(claimsParameter(claims), text('acr_values'));
  const intentId = text('openbanking_intent_id') ?? requested.intentId;
  if (intentId !== undefined || scope.some((value) => scopeRule(reader.policy.profile, value).consentKinds !== undefined)) {
    await checkStagedConsent(intentId, client, scope, reader.policy.profile, reader.consents, now);
  }
  const notificationToken = readNotificationToken(text('client_notification_token'), client);
  const requestedExpiry = readRequestedExpiry(claims['requested_expiry']);
  return {
    clientId: client.clientId,
    subject,
    scope: scope.join(' '),
    acr: requested.acr,
    deliveryMode: client.backchannel?.deliveryMode ?? 'poll',
    ...(bindingMessage === undefined ? {} : { bindingMessage }),
    ...(intentId === undefined ? {} : { intentId }),
    ...(notificationToken === undefined ? {} : { clientNotificationToken: notificationToken }),
    ...(requestedExpiry === undefined ? {} : { requestedExpiry }),
  };

}

/** The client's keys; a client without usable keys cannot have signed the request. */
function keysOf(client: Client, clientKeys: ClientKeys) {
  return async (refresh: boolean) => {
    try {
      return await clientKeys.jwks(client, refresh);
    } catch (error) {
      const detail = error instanceof OAuthError ? (error.detail ?? error.description) : String(error);
      throw fail('The signed authentication request cannot be verified: the client has no usable keys', 'backchannel_request_signature_invalid', detail);
    }
  };
}

function checkEnvelope(claims: JWTPayload, clientId: string, issuer: string, now: Date): void {
  if (claims.iss !== clientId) throw fail('The signed authentication request iss must be the client_id', 'backchannel_request_claim_invalid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(issuer)) throw fail('The signed authentication request aud must be the issuer', 'backchannel_request_claim_invalid');
  for (const nested of ['request', 'request_uri']) {
    if (claims[nested] !== undefined) throw fail(`The signed authentication request must not contain ${nested}`, 'backchannel_request_claim_invalid');
  }
  const [exp, nbf] = [claims.exp as number, claims.nbf as number];
  if (exp - nbf > MAX_WINDOW_SECONDS) throw fail('The signed authentication request may live at most 60 minutes after nbf', 'backchannel_request_expired');
  if (nbf < now.getTime() / 1000 - MAX_WINDOW_SECONDS) throw fail('The signed authentication request nbf is more than 60 minutes old', 'backchannel_request_expired');
}

/** The PSU the one hint names (CIBA Core §7.1: exactly one of `login_hint_token`, `id_token_hint`, `login_hint`). */
async function subjectOf(claims: JWTPayload, client: Client, reader: BackchannelRequestReader): Promise<string> {
  const hints = ['login_hint', 'id_token_hint', 'login_hint_token'].filter((name) => claims[name] !== undefined);
  if (hints.length !== 1) {
    throw fail('Exactly one of login_hint, id_token_hint and login_hint_token is required', 'backchannel_hint_invalid', hints.join(' '));
  }
  if (hints[0] === 'login_hint_token') {
    throw fail('login_hint_token is not supported: name the PSU with login_hint or id_token_hint', 'backchannel_hint_invalid');
  }
  const hint = hints[0] === 'login_hint' ? stringClaim(claims, 'login_hint') : await idTokenSubject(stringClaim(claims, 'id_token_hint'), client, reader);
  const subject = hint === undefined ? undefined : reader.findSubject(hint);
  if (subject === undefined) {
    throw new OAuthError('unknown_user_id', 'The hint names no known PSU', { reason: 'backchannel_unknown_user' });
  }
  return subject;
}

/** The `sub` of an ID token obas signed for this client (its expiry is not checked: a hint may have expired). */
async function idTokenSubject(idToken: string | undefined, client: Client, reader: BackchannelRequestReader): Promise<string | undefined> {
  const refuse = (detail: string) => fail('The id_token_hint is not an ID token obas issued to this client', 'backchannel_hint_invalid', detail);
  if (idToken === undefined) throw refuse('not a string');
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(idToken).kid;
  } catch (error) {
    throw refuse(String(error));
  }
  const key = typeof kid === 'string' ? reader.keys.verificationKey(kid) : undefined;
  if (key === undefined) throw refuse('unknown kid');
  try {
    await compactVerify(idToken, key.publicKey, { algorithms: [key.alg] });
  } catch (error) {
    throw refuse(String(error));
  }
  const payload = decodeJwt(idToken);
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== reader.issuer || !audiences.includes(client.clientId)) throw refuse('iss or aud');
  return typeof payload.sub === 'string' ? payload.sub : undefined;
}

/** `binding_message` (CIBA Core §7.1): short plain text for the PSU's screen; anything else is `invalid_binding_message`. */
function readBindingMessage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.length > MAX_BINDING_MESSAGE_LENGTH || /\p{Cc}/u.test(value)) {
    throw new OAuthError('invalid_binding_message', `The binding_message must be 1–${MAX_BINDING_MESSAGE_LENGTH} characters without control characters`, {
      reason: 'backchannel_binding_message_invalid',
    });
  }
  return value;
}

/** `client_notification_token` (CIBA Core §7.1): required in ping mode, ignored otherwise. */
function readNotificationToken(value: string | undefined, client: Client): string | undefined {
  if (client.backchannel?.deliveryMode !== 'ping') return undefined;
  if (value === undefined || value === '') throw fail('The client_notification_token is required in ping mode', 'parameter_missing');
  if (value.length > MAX_NOTIFICATION_TOKEN_LENGTH || !/^[\x21-\x7E]+$/.test(value)) {
    throw fail(`The client_notification_token must be 1–${MAX_NOTIFICATION_TOKEN_LENGTH} printable characters`, 'parameter_invalid');
  }
  return value;
}

/** `requested_expiry` (CIBA Core §7.1): a positive integer of seconds, as a number or its decimal string. */
function readRequestedExpiry(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_REQUESTED_EXPIRY_SECONDS) {
    throw fail(`requested_expiry must be a whole number of seconds from 1 to ${MAX_REQUESTED_EXPIRY_SECONDS}`, 'parameter_invalid');
  }
  return seconds;
}

function stringClaim(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fail(`${name} must be a string`, 'parameter_invalid');
  return value;
}

/** The `claims` member as the JSON text `readClaimsRequest` reads. */
function claimsParameter(claims: JWTPayload): string | undefined {
  const value = claims['claims'];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
