import type { JWTPayload } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import { verifyClientJwt, type ClientJwtRules, type JwtFailures } from '../protocol/client-jwt.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
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

const ASSERTION_FAILURES: JwtFailures = {
  name: 'client assertion',
  malformed: 'assertion_malformed',
  signature: 'assertion_signature_invalid',
  expired: 'assertion_expired',
  claim: 'assertion_claim_invalid',
  missing: 'assertion_claim_missing',
  replayed: 'assertion_replayed',
  error: (description, reason, detail) => invalidClient(description, reason, detail === undefined ? {} : { detail }),
};

/**
 * `private_key_jwt` (RFC 7523 §2.2, §3; OIDC Core §9; FAPI 2.0 SP §5.3.2.1 / FAPI 1 Adv. §5.2.2): a JWT signed with
 * PS256 or ES256 (the registered `token_endpoint_auth_signing_alg` when there is one) by a key of the client, `iss` =
 * `sub` = client_id, `aud` the issuer (FAPI 2.0: only the issuer, as a string; FAPI 1 / UK also the token endpoint
 * URL), `exp` required and short, `jti` single use across processes.
 */
export function createPrivateKeyJwtAuthenticator(
  settings: PrivateKeyJwtSettings,
  clientKeys: ClientKeys,
  replayCache: ReplayCacheRepository,
): ClientAuthenticator {
  return {
    method: 'private_key_jwt',
    async authenticate(credentials, client, now) {
      const rules: ClientJwtRules = {
        failures: ASSERTION_FAILURES,
        ...(client.authSigningAlg === undefined ? {} : { registeredAlg: client.authSigningAlg }),
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
        maxLifetimeSeconds: settings.maxLifetimeSeconds,
        checkClaims: (claims) => checkAssertionClaims(claims, client.clientId, settings),
        singleUse: { replay: replayCache, namespace: 'client_assertion', scope: client.clientId },
      };
      await verifyClientJwt(credentials.assertion ?? '', (refresh) => clientKeys.jwks(client, refresh), now, rules);
    },
  };
}

function checkAssertionClaims(claims: JWTPayload, clientId: string, settings: PrivateKeyJwtSettings): void {
  const fail = (description: string) => ASSERTION_FAILURES.error(description, 'assertion_claim_invalid');
  if (claims.iss !== clientId) throw fail('The client assertion iss must be the client_id');
  if (claims.sub !== clientId) throw fail('The client assertion sub must be the client_id');
  if (!audienceAccepted(claims.aud, settings)) throw fail('The client assertion aud is not accepted');
}

function audienceAccepted(aud: JWTPayload['aud'], settings: PrivateKeyJwtSettings): boolean {
  if (settings.assertionAudience === 'issuer') return aud === settings.issuer;
  const accepted = [settings.issuer, settings.tokenEndpointUrl];
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((value) => typeof value === 'string' && accepted.includes(value));
}
