import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
import { joseFailure, type JoseFailureKind } from '../tokens/jose-failure.js';
import type { ClientAuthenticator } from './client-authenticator.js';
import type { ClientKeys } from './client-keys.js';

/** `issuer`: FAPI 2.0 (only the issuer as `aud`); `issuer-or-token-endpoint`: FAPI 1 / UK also the token endpoint URL. */
export type AssertionAudience = 'issuer' | 'issuer-or-token-endpoint';

/** What the private_key_jwt check needs from the configuration. */
export interface PrivateKeyJwtSettings {
  readonly issuer: string;
  readonly tokenEndpointUrl: string;
  readonly assertionAudience: AssertionAudience;
  /** Longest accepted `exp - now`, seconds. */
  readonly maxLifetimeSeconds: number;
}

const ALLOWED_ALGORITHMS = ['PS256', 'ES256'];
const CLOCK_SKEW_SECONDS = 10;
const JTI_MAX_LENGTH = 256;

const VERIFY_FAILURES: Readonly<Record<JoseFailureKind, readonly [string, ReasonKey]>> = {
  expired: ['The client assertion has expired', 'assertion_expired'],
  claim: ['A client assertion claim is invalid', 'assertion_claim_invalid'],
  malformed: ['The client assertion is malformed', 'assertion_malformed'],
  signature: ['The client assertion signature is invalid', 'assertion_signature_invalid'],
};

const fail = (description: string, reason: ReasonKey, detail?: string) =>
  invalidClient(description, reason, detail === undefined ? {} : { detail });

/**
 * `private_key_jwt` (RFC 7523 §2.2, §3; OIDC Core §9; FAPI 2.0 SP §5.3.2.1 / FAPI 1 Adv. §5.2.2): a JWT signed with
 * PS256 or ES256 by a key of the client, `iss` = `sub` = client_id, `aud` the issuer (FAPI 2.0: only the issuer, as a
 * string; FAPI 1 / UK also the token endpoint URL), `exp` required and short, `jti` single use across processes.
 */
export function createPrivateKeyJwtAuthenticator(
  settings: PrivateKeyJwtSettings,
  clientKeys: ClientKeys,
  replayCache: ReplayCacheRepository,
): ClientAuthenticator {
  return {
    method: 'private_key_jwt',
    async authenticate(credentials, client, now) {
      const assertion = credentials.assertion ?? '';
      const alg = headerAlgorithm(assertion);
      if (!ALLOWED_ALGORITHMS.includes(alg)) rejectMalformed(`The ${alg} algorithm is not allowed for client assertions`);
      const registeredAlg = client.metadata['token_endpoint_auth_signing_alg'];
      if (typeof registeredAlg === 'string' && registeredAlg !== alg) rejectMalformed('The client assertion algorithm is not the registered one');

      const claims = await verifySignature(assertion, await clientKeys.verifier(client), now);
      checkClaims(claims, client.clientId, settings, now);
      const expiresAt = new Date(((claims.exp as number) + CLOCK_SKEW_SECONDS) * 1000);
      const first = await replayCache.claimOnce('client_assertion', `${client.clientId}:${claims.jti as string}`, expiresAt, now);
      if (!first) throw fail('The client assertion was already used', 'assertion_replayed');
    },
  };
}

function rejectMalformed(description: string): never {
  throw fail(description, 'assertion_malformed');
}

function headerAlgorithm(assertion: string): string {
  try {
    const alg = decodeProtectedHeader(assertion).alg;
    return typeof alg === 'string' ? alg.slice(0, 20) : 'missing';
  } catch {
    return rejectMalformed('The client assertion is not a well-formed JWT');
  }
}

async function verifySignature(assertion: string, key: Awaited<ReturnType<ClientKeys['verifier']>>, now: Date) {
  try {
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ALLOWED_ALGORITHMS,
      currentDate: now,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    return payload;
  } catch (error) {
    const { kind, detail } = joseFailure(error);
    const [description, reason] = VERIFY_FAILURES[kind];
    throw fail(description, reason, detail);
  }
}

function checkClaims(claims: JWTPayload, clientId: string, settings: PrivateKeyJwtSettings, now: Date): void {
  const nowSeconds = now.getTime() / 1000;
  for (const name of ['iss', 'sub', 'aud', 'exp', 'jti'] as const) {
    if (claims[name] === undefined) throw fail(`The client assertion has no ${name} claim`, 'assertion_claim_missing');
  }
  if (claims.iss !== clientId) throw fail('The client assertion iss must be the client_id', 'assertion_claim_invalid');
  if (claims.sub !== clientId) throw fail('The client assertion sub must be the client_id', 'assertion_claim_invalid');
  if (!audienceAccepted(claims.aud, settings)) throw fail('The client assertion aud is not accepted', 'assertion_claim_invalid');
  if ((claims.exp as number) - nowSeconds > settings.maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    throw fail('The client assertion lives too long', 'assertion_expired');
  }
  if (typeof claims.jti !== 'string' || claims.jti.length === 0 || claims.jti.length > JTI_MAX_LENGTH) {
    throw fail('The client assertion jti is invalid', 'assertion_claim_invalid');
  }
}

function audienceAccepted(aud: JWTPayload['aud'], settings: PrivateKeyJwtSettings): boolean {
  if (settings.assertionAudience === 'issuer') return aud === settings.issuer;
  const accepted = [settings.issuer, settings.tokenEndpointUrl];
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((value) => typeof value === 'string' && accepted.includes(value));
}
