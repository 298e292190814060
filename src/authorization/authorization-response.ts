import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { OAuthError } from '../errors/oauth-error.js';
import { describeWithReason, type ReasonCodeDialect } from '../errors/reason-catalogue.js';
import { signJws } from '../tokens/jws-signer.js';
import { JARM_RESPONSE_LIFETIME_SECONDS } from '../tokens/key-publish-window.js';
import type { KeyStore } from '../tokens/key-store.js';
import type { ResponseTarget } from './authorization-request.js';

/** Configuration slice for authorization responses. */
export interface AuthorizationResponseSettings {
  readonly issuer: string;
  readonly dialect: ReasonCodeDialect;
  /** `alg` of JARM responses. */
  readonly signingAlg: SigningAlg;
}

/** Builds the URLs that carry authorization responses back to the client. */
export interface AuthorizationResponder {
  /** A successful response: `parameters` (code, id_token…) plus `state` and `iss`. */
  success(target: ResponseTarget, parameters: Readonly<Record<string, string>>, now: Date): string;
  /** An error response (RFC 6749 §4.1.2.1): `error`, `error_description` with the profile's reason code, `state`, `iss`. */
  error(target: ResponseTarget, error: OAuthError, now: Date): string;
}

/**
 * Authorization responses to the registered redirect URI, keeping its own query (RFC 6749 §3.1.2): in the query or the
 * fragment (OAuth 2.0 Multiple Response Types §2.1), with `iss` (RFC 9207 §2); or as a JARM JWT in `response` (JARM
 * §2.1, §2.3: `iss`, `aud` = client_id, `exp` within 10 minutes, signed with the server key; `iss` then lives in the
 * JWT only).
 */
export function createAuthorizationResponder(settings: AuthorizationResponseSettings, keys: KeyStore): AuthorizationResponder {
  function redirect(target: ResponseTarget, parameters: Record<string, string>, now: Date): string {
    const withState = target.state === undefined ? parameters : { ...parameters, state: target.state };
    const jarm = target.responseMode === 'query.jwt' || target.responseMode === 'fragment.jwt';
    const carried = jarm ? { response: jarmResponse(target.clientId, withState, now) } : { ...withState, iss: settings.issuer };
    const url = new URL(target.redirectUri);
    if (target.responseMode === 'query' || target.responseMode === 'query.jwt') {
      for (const [name, value] of Object.entries(carried)) url.searchParams.append(name, value);
    } else {
      url.hash = new URLSearchParams(carried).toString();
    }
    return url.toString();
  }

  function jarmResponse(clientId: string, parameters: Record<string, string>, now: Date): string {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const payload = { iss: settings.issuer, aud: clientId, exp: issuedAt + JARM_RESPONSE_LIFETIME_SECONDS, iat: issuedAt, ...parameters };
    return signJws(keys.activeKey(settings.signingAlg), { typ: 'JWT' }, payload);
  }

  return {
    success: (target, parameters, now) => redirect(target, { ...parameters }, now),
    error: (target, error, now) =>
      redirect(target, { error: error.code, error_description: describeWithReason(error.description, error.reason, settings.dialect) }, now),
  };
}
