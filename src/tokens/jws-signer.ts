import { constants, sign, type SignKeyObjectInput } from 'node:crypto';
import type { SigningKey } from './key-material.js';

/** JOSE header parameters besides `alg` and `kid`, which always come from the key (RFC 7515 §4.1), e.g. `typ`. */
export type JwsHeaderParameters = Readonly<Record<string, unknown>> & { readonly alg?: never; readonly kid?: never };

interface SignerState {
  readonly signOptions: SignKeyObjectInput;
  readonly encodedHeaders: Map<string, string>;
}

const signerStates = new WeakMap<SigningKey, SignerState>();
const ENCODED_HEADERS_PER_KEY = 16;
const SHA256_BYTES = 32;

/**
 * Produces a JWS Compact Serialization (RFC 7515 §7.1) of `payload` as JSON, signed with `key`: PS256 is RSASSA-PSS
 * with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 7518 §3.5); ES256 is ECDSA P-256 with SHA-256 and the 64-byte
 * R‖S signature (RFC 7518 §3.4). The header carries `alg` and `kid` of the key plus `header` (e.g. `typ: "at+jwt"`
 * for RFC 9068 §2.1). Signs with `node:crypto` directly; the encoded header is cached per key and header.
 */
export function signJws(key: SigningKey, header: JwsHeaderParameters, payload: Readonly<Record<string, unknown>>): string {
  const state = signerStates.get(key) ?? createSignerState(key);
  const signingInput = `${encodedHeader(key, state, header)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(signingInput), state.signOptions);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function encodedHeader(key: SigningKey, state: SignerState, header: JwsHeaderParameters): string {
  const cacheKey = JSON.stringify(header);
  const cached = state.encodedHeaders.get(cacheKey);
  if (cached !== undefined) return cached;
  const encoded = Buffer.from(JSON.stringify({ ...header, alg: key.alg, kid: key.kid })).toString('base64url');
  if (state.encodedHeaders.size < ENCODED_HEADERS_PER_KEY) state.encodedHeaders.set(cacheKey, encoded);
  return encoded;
}

function createSignerState(key: SigningKey): SignerState {
  const signOptions: SignKeyObjectInput =
    key.alg === 'PS256'
      ? { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: SHA256_BYTES }
      : { key: key.privateKey, dsaEncoding: 'ieee-p1363' };
  const state = { signOptions, encodedHeaders: new Map<string, string>() };
  signerStates.set(key, state);
  return state;
}
