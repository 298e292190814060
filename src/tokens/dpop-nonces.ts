import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { KeyStore, SigningKey } from './key-store.js';

/** The response header that hands the client a nonce for its next DPoP proofs (RFC 9449 §8.1, §9). */
export const DPOP_NONCE_HEADER = 'dpop-nonce';

/** Settings of {@link createDpopNonces}. */
export interface DpopNonceSettings {
  /** Length of one nonce window, seconds; a new nonce every window. Default 60. */
  readonly rotationSeconds?: number;
}

/** What the nonces are derived from: the server's signing keys, which every obas process of a deployment shares. */
export type DpopNonceKeys = Pick<KeyStore, 'activeKey' | 'publicJwks' | 'verificationKey'>;

/**
 * Server-provided DPoP nonces (RFC 9449 §8 at the authorization server, §9 at resource servers). Stateless: a nonce is
 * an HMAC of its time window, so any process holding the same keys issues and accepts the same nonces, and nothing is
 * stored. Unpredictable (§8: "Nonce values MUST be unpredictable") without the signing keys.
 */
export interface DpopNonces {
  /** The nonce to send in `DPoP-Nonce` now: on every response to a DPoP request, and with `use_dpop_nonce`. */
  current(now: Date): string;
  /**
   * Whether a proof's `nonce` claim is one this deployment provided recently: of the current window, the previous one
   * (a nonce handed out just before a rotation), or the next one (another process whose clock runs slightly ahead).
   */
  accepts(nonce: string, now: Date): boolean;
}

const DEFAULT_ROTATION_SECONDS = 60;
const HKDF_SALT = 'obas dpop nonce v1';
const SECRET_BYTES = 32;
const NONCE_CHARS = 43;

/**
 * Creates the nonces of a deployment. Each nonce is `base64url(HMAC-SHA256(secret, window))` with `window` =
 * ⌊now / rotationSeconds⌋ and `secret` = HKDF-SHA256 (RFC 5869) of a signing key's private key (PKCS #8), salted and
 * labelled for this use only, so the secret is neither the key nor usable as one. The processes of one deployment
 * already share the signing keys (`<dataDir>/keys/`, needed for one JWKS), so they agree on nonces with no shared
 * state beyond that. New nonces use the active ES256 key; every published key (retired ones included) is accepted, so
 * `obas keys rotate` does not invalidate nonces in flight. A nonce therefore lives between one and two windows (three
 * across processes with skewed clocks). Throws a RangeError for a `rotationSeconds` that is not a positive integer.
 */
export function createDpopNonces(keys: DpopNonceKeys, settings: DpopNonceSettings = {}): DpopNonces {
  const rotationSeconds = settings.rotationSeconds ?? DEFAULT_ROTATION_SECONDS;
  if (!Number.isSafeInteger(rotationSeconds) || rotationSeconds <= 0) {
    throw new RangeError('rotationSeconds must be a positive integer');
  }
  const secrets = new WeakMap<SigningKey, Buffer>();
  const secretOf = (key: SigningKey): Buffer => {
    let secret = secrets.get(key);
    if (secret === undefined) {
      const material = key.privateKey.export({ format: 'der', type: 'pkcs8' });
      secret = Buffer.from(hkdfSync('sha256', material, HKDF_SALT, `dpop-nonce ${key.kid}`, SECRET_BYTES));
      secrets.set(key, secret);
    }
    return secret;
  };
  const windowOf = (now: Date): number => Math.floor(now.getTime() / (rotationSeconds * 1000));
  const nonceOf = (key: SigningKey, window: number): Buffer => createHmac('sha256', secretOf(key)).update(String(window)).digest();

  return {
    current: (now) => nonceOf(keys.activeKey('ES256'), windowOf(now)).toString('base64url'),
    accepts(nonce, now) {
      if (nonce.length !== NONCE_CHARS) return false;
      const presented = Buffer.from(nonce, 'base64url');
      if (presented.length !== SECRET_BYTES || presented.toString('base64url') !== nonce) return false;
      const window = windowOf(now);
      const published = keys.publicJwks(now).keys.map((jwk) => (jwk.kid === undefined ? undefined : keys.verificationKey(jwk.kid)));
      return published.some(
        (key) => key !== undefined && [window - 1, window, window + 1].some((w) => timingSafeEqual(nonceOf(key, w), presented)),
      );
    },
  };
}
