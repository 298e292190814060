import type { SigningAlg } from '../protocol/signing-algorithms.js';
import { signJws } from './jws-signer.js';
import type { KeyStore } from './key-store.js';

/** Configuration slice for JWT introspection responses. */
export interface IntrospectionJwtSettings {
  readonly issuer: string;
  /** The JWS algorithm, one of `introspection_signing_alg_values_supported` (RFC 9701 §7). */
  readonly alg: SigningAlg;
}

/** What one JWT introspection response states. */
export interface IntrospectionJwtContent {
  /** The resource server (or client) the response is for: `aud`. */
  readonly audience: string;
  /** The RFC 7662 §2.2 response object, carried as is in `token_introspection`. */
  readonly introspection: object;
  readonly now: Date;
}

/** Signs one JWT introspection response. */
export type SignIntrospectionJwt = (content: IntrospectionJwtContent) => string;

/** The JOSE `typ` of a JWT introspection response (RFC 9701 §5), which keeps it from passing for another kind of JWT. */
export const INTROSPECTION_JWT_TYPE = 'token-introspection+jwt';

/**
 * JWT introspection responses (RFC 9701 §5): a JWS with `typ` `token-introspection+jwt`, signed with the server's
 * active key for `alg` (the key the JWKS publishes, `kid` in the header), stating `iss`, `aud`, `iat` and the RFC 7662
 * answer in `token_introspection`. No top-level `sub` or `exp`, as §5 advises, so that it cannot be taken for an access
 * token.
 */
export function createIntrospectionJwtSigner(settings: IntrospectionJwtSettings, keys: KeyStore): SignIntrospectionJwt {
  return ({ audience, introspection, now }) =>
    signJws(
      keys.activeKey(settings.alg),
      { typ: INTROSPECTION_JWT_TYPE },
      { iss: settings.issuer, aud: audience, iat: Math.floor(now.getTime() / 1000), token_introspection: introspection },
    );
}
