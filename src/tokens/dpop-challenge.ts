import { OAuthError, type OAuthErrorOptions } from '../errors/oauth-error.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';

/** Error codes a `DPoP` challenge can carry (RFC 6750 §3.1, RFC 9449 §7.1, §9). */
export type DpopChallengeError = 'invalid_token' | 'insufficient_scope' | 'invalid_dpop_proof' | 'use_dpop_nonce';

/** Parameters of a `DPoP` challenge; none for a request that sent no DPoP credentials (RFC 6750 §3.1). */
export interface DpopChallengeParameters {
  readonly error?: DpopChallengeError;
  /** Public text within the RFC 6749 §5.2 character set (as every {@link OAuthError} description is). */
  readonly description?: string;
  /** The scope the resource needs, with `insufficient_scope`. */
  readonly scope?: string;
}

/**
 * The `WWW-Authenticate` value of a resource server's 401 (or 403) to a DPoP request (RFC 9449 §7.1): the `DPoP`
 * scheme with the optional error, its description and scope, and `algs` listing the proof algorithms obas accepts,
 * e.g. `DPoP realm="obas", error="invalid_dpop_proof", error_description="…", algs="PS256 ES256"`.
 */
export function dpopChallenge(parameters: DpopChallengeParameters = {}): string {
  const members = [
    'realm="obas"',
    ...(parameters.error === undefined ? [] : [`error="${parameters.error}"`]),
    ...(parameters.description === undefined ? [] : [`error_description="${parameters.description}"`]),
    ...(parameters.scope === undefined ? [] : [`scope="${parameters.scope}"`]),
    `algs="${SIGNING_ALGS.join(' ')}"`,
  ];
  return `DPoP ${members.join(', ')}`;
}

/**
 * A DPoP proof failure as a resource server answers it (RFC 9449 §7.1, §9): `invalid_dpop_proof` and `use_dpop_nonce`
 * become 401 with a {@link dpopChallenge} naming the error, keeping the `DPoP-Nonce` header of `use_dpop_nonce`. The
 * token and PAR endpoints answer the 400 the verifier throws as it is. Any other error comes back unchanged.
 */
export function asResourceServerError(error: OAuthError): OAuthError {
  if (error.code !== 'invalid_dpop_proof' && error.code !== 'use_dpop_nonce') return error;
  const challenge = dpopChallenge({ error: error.code, description: error.description });
  const options: OAuthErrorOptions = {
    status: 401,
    headers: { ...error.headers, 'www-authenticate': challenge },
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
  return new OAuthError(error.code, error.description, options);
}
