import type { AuthorizationSettings } from './authorization-settings.js';
import type { ProfileName } from '../protocol/profile-name.js';
import { parseScope } from '../protocol/form-fields.js';
import { invalidRequest, invalidScope, missingParameter, unauthorizedClient } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Client } from '../clients/client.js';
import type { ConsentRecord, ConsentRepository } from '../storage/ports.js';
import type { AuthorizationRequest, ResponseTarget } from './authorization-request.js';
import { readClaimsRequest } from './claims-request.js';
import { S256_CHALLENGE } from './pkce.js';
import { errorResponseMode, responseTypeAndMode } from './response-mode.js';
import { scopeRule } from './scope-rules.js';

/** What validation needs to know about the profile. */
export interface AuthorizationPolicy {
  readonly profile: ProfileName;
  readonly settings: AuthorizationSettings;
}

/** Authorization request parameters, from the query, a form, a pushed request or a request object. */
export type AuthorizationParameters = ReadonlyMap<string, string>;

const MAX_STATE_LENGTH = 1024;
const DPOP_JKT = /^[A-Za-z0-9_-]{43}$/;

/**
 * First step of validation: where responses go. The client_id must be the client's and the redirect_uri exactly one it
 * registered (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3, FAPI: required). Failures here must not be redirected (RFC 6749
 * §4.1.2.1): they are thrown for an error page (or a JSON error at PAR).
 */
export function responseTarget(parameters: AuthorizationParameters, client: Client, policy: AuthorizationPolicy): ResponseTarget {
  if (parameters.get('client_id') !== client.clientId) {
    throw invalidRequest('The client_id of the authorization request is not the client of the request');
  }
  const redirectUri = parameters.get('redirect_uri');
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    throw invalidRequest('The redirect_uri is missing or not registered for the client', 'redirect_uri_unregistered');
  }
  const state = parameters.get('state');
  const responseMode = errorResponseMode(parameters.get('response_type'), parameters.get('response_mode'), policy.settings);
  return { clientId: client.clientId, redirectUri, responseMode, ...(state === undefined || state === '' || state.length > MAX_STATE_LENGTH ? {} : { state }) };
}

/**
 * Second step: everything else (RFC 6749 §4.1.1, RFC 7636 §4.3, OpenID Connect Core §3.1.2.1 / §3.3.2.11, FAPI 1.0
 * Advanced §5.2.2, FAPI 2.0 Security Profile §5.3.1.2). Failures are redirected to `target` with `state`.
 */
export async function validateAuthorizationRequest(
  parameters: AuthorizationParameters,
  client: Client,
  target: ResponseTarget,
  policy: AuthorizationPolicy,
  consents: Pick<ConsentRepository, 'find'>,
  now: Date,
): Promise<AuthorizationRequest> {
  const { responseType, responseMode } = responseTypeAndMode(parameters.get('response_type'), parameters.get('response_mode'), policy.settings);
  if (!client.responseTypes.includes(responseType)) {
    throw new OAuthError('unsupported_response_type', `The client is not registered for response_type ${responseType}`, {
      reason: 'response_type_unsupported',
    });
  }
  if (!client.grantTypes.has('authorization_code')) {
    throw unauthorizedClient('The client is not registered for the authorization_code grant');
  }
  const state = parameters.get('state');
  if (state !== undefined && state.length > MAX_STATE_LENGTH) throw invalidRequest('The state parameter is too long');
  if (parameters.get('prompt')?.split(' ').includes('none')) {
    throw new OAuthError('login_required', 'The PSU must log in for every authorization', { reason: 'login_required' });
  }
  const scope = requestedScope(parameters.get('scope'), client, policy, responseType === 'code id_token');
  const nonce = parameters.get('nonce');
  const fapi1 = policy.settings.responseTypes.includes('code id_token');
  if ((nonce === undefined || nonce === '') && (responseType === 'code id_token' || (fapi1 && scope.includes('openid')))) {
    throw invalidRequest('The nonce parameter is required', 'nonce_missing');
  }
  const codeChallenge = pkceChallenge(parameters);
  const dpopKeyThumbprint = dpopJkt(parameters);
  const claims = readClaimsRequest(parameters.get('claims'), parameters.get('acr_values'));
  if (claims.intentId !== undefined || scope.some((value) => scopeRule(policy.profile, value).consentKinds !== undefined)) {
    await checkStagedConsent(claims.intentId, client, scope, policy.profile, consents, now);
  }
  return {
    ...target,
    responseMode,
    responseType,
    scope,
    codeChallenge,
    acr: claims.acr,
    ...(nonce === undefined || nonce === '' ? {} : { nonce }),
    ...(claims.intentId === undefined ? {} : { intentId: claims.intentId }),
    ...(dpopKeyThumbprint === undefined ? {} : { dpopKeyThumbprint }),
  };
}

/** RFC 9449 §10 `dpop_jkt`: when present, an RFC 7638 SHA-256 thumbprint (43 base64url characters). */
function dpopJkt(parameters: AuthorizationParameters): string | undefined {
  const value = parameters.get('dpop_jkt');
  if (value === undefined) return undefined;
  if (!DPOP_JKT.test(value)) throw invalidRequest('dpop_jkt is not a JWK SHA-256 thumbprint', 'dpop_jkt_invalid');
  return value;
}

/** The requested scope (RFC 6749 §3.3): registered by the client, each scope's profile rules met. */
export function requestedScope(value: string | undefined, client: Client, policy: AuthorizationPolicy, hybrid: boolean): string[] {
  if (value === undefined || value === '') throw missingParameter('scope');
  const scope = parseScope(value);
  const registered = client.scopes;
  const refused = scope.filter((item) => !registered.has(item));
  if (refused.length > 0) throw invalidScope('The requested scope is not allowed for this client', { detail: refused.join(' ') });
  if (hybrid && !scope.includes('openid')) throw invalidRequest('response_type code id_token needs the openid scope');
  for (const item of scope) {
    const rule = scopeRule(policy.profile, item);
    if (rule.clientCredentialsOnly === true) throw invalidScope(`The ${item} scope is obtained with client_credentials, not from the PSU`);
    if (rule.requires !== undefined && !scope.includes(rule.requires)) throw invalidScope(`The ${item} scope needs the ${rule.requires} scope`);
  }
  return scope;
}

function pkceChallenge(parameters: AuthorizationParameters): string {
  const challenge = parameters.get('code_challenge');
  if (challenge === undefined || challenge === '') throw invalidRequest('code_challenge (PKCE, S256) is required', 'pkce_missing');
  if (parameters.get('code_challenge_method') !== 'S256') {
    throw invalidRequest('code_challenge_method must be S256', 'pkce_method_invalid');
  }
  if (!S256_CHALLENGE.test(challenge)) throw invalidRequest('code_challenge is not an S256 challenge', 'pkce_method_invalid');
  return challenge;
}

/**
 * The staged consent `openbanking_intent_id` names (UK OB read/write API security profile): the client's own, of a kind
 * the requested scope needs, still AwaitingAuthorisation within its authorisation window and not expired.
 */
export async function checkStagedConsent(
  consentId: string | undefined,
  client: Client,
  scope: readonly string[],
  profile: ProfileName,
  consents: Pick<ConsentRepository, 'find'>,
  now: Date,
): Promise<ConsentRecord> {
  const needed = scope.map((value) => scopeRule(profile, value).consentKinds).filter((kinds) => kinds !== undefined);
  const consentError = (description: string, reason: 'intent_unknown' | 'intent_mismatch' | 'intent_status_invalid') =>
    invalidRequest(description, reason);
  if (consentId === undefined) throw consentError('The scope needs an openbanking_intent_id in the claims parameter', 'intent_unknown');
  const consent = await consents.find(consentId);
  if (consent === undefined) throw consentError('No consent with this openbanking_intent_id exists', 'intent_unknown');
  if (consent.clientId !== client.clientId) throw consentError('The consent belongs to another client', 'intent_mismatch');
  if (needed.length > 1 || (needed.length === 1 && !needed[0]?.includes(consent.kind))) {
    throw consentError(`A ${consent.kind} consent does not fit the requested scope`, 'intent_mismatch');
  }
  if (consent.status !== 'AwaitingAuthorisation') throw consentError(`The consent is ${consent.status}`, 'intent_status_invalid');
  if (consent.authorisationExpiresAt <= now) throw consentError('The consent can no longer be authorised', 'intent_status_invalid');
  if (consent.expiresAt !== undefined && consent.expiresAt <= now) throw consentError('The consent has expired', 'intent_status_invalid');
  return consent;
}
