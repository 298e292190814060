import type { EndpointRequest } from '../protocol/endpoint.types.js';
import type { MetadataAddition } from '../protocol/metadata-addition.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
import { createDpopNonces, DPOP_NONCE_HEADER, type DpopNonceKeys } from './dpop-nonces.js';
import { createDpopProofVerifier, singleDpopHeader, type DpopProof } from './dpop-proof.js';

/** Settings of {@link createDpopGate}: the `dpop` configuration section. */
export interface DpopGateSettings {
  /** Every proof must carry a server-provided nonce (RFC 9449 §8, §9). */
  readonly requireNonce: boolean;
  readonly nonceRotationSeconds: number;
  /** RFC 9449 §11.1 acceptable window after a proof's `iat`. */
  readonly proofLifetimeSeconds: number;
}

/** What one endpoint asks of a request's DPoP proof. */
export interface DpopDemand {
  /** The absolute URI the request was sent to: the proof's `htu` (RFC 9449 §4.3). */
  readonly url: string;
  /** A proof must be present (a client registered `dpop_bound_access_tokens`, a DPoP-bound token or code). */
  readonly required: boolean;
  /** The access token presented with the proof, at a resource (RFC 9449 §7.1): `ath` must match. */
  readonly accessToken?: string;
}

/**
 * DPoP as obas's endpoints use it (RFC 9449): the request's one `DPoP` header verified against every rule of §4.3,
 * with the server nonce of §8 when the deployment requires nonces, and the `DPoP-Nonce` header every successful answer
 * to a DPoP request carries then.
 */
export interface DpopGate {
  /**
   * The verified proof of the request, or undefined when it carries no DPoP header and `demand.required` is false.
   * Rejects with `invalid_dpop_proof` or `use_dpop_nonce` (400; a resource server makes them 401 challenges).
   */
  proof(request: Pick<EndpointRequest, 'method' | 'headers' | 'now'>, demand: DpopDemand): Promise<DpopProof | undefined>;
  /** Headers of a successful answer to a request with a proof: a fresh `DPoP-Nonce` when nonces are required. */
  responseHeaders(now: Date): Readonly<Record<string, string>>;
}

/** Creates the gate; proof `jti`s are claimed once across processes in `replayCache`, nonces derive from `keys`. */
export function createDpopGate(settings: DpopGateSettings, keys: DpopNonceKeys, replayCache: ReplayCacheRepository): DpopGate {
  const verifier = createDpopProofVerifier({ iatWindowSeconds: settings.proofLifetimeSeconds }, replayCache);
  const nonces = settings.requireNonce ? createDpopNonces(keys, { rotationSeconds: settings.nonceRotationSeconds }) : undefined;
  return {
    async proof(request, demand) {
      const header = singleDpopHeader(request.headers['dpop']);
      if (header === undefined && !demand.required) return undefined;
      return verifier.verify(
        header,
        {
          method: request.method,
          url: demand.url,
          ...(demand.accessToken === undefined ? {} : { accessToken: demand.accessToken }),
          ...(nonces === undefined ? {} : { nonces }),
        },
        request.now,
      );
    },
    responseHeaders: (now) => (nonces === undefined ? {} : { [DPOP_NONCE_HEADER]: nonces.current(now) }),
  };
}

/** Discovery of DPoP (RFC 9449 §5.1): the proof algorithms obas accepts. */
export const dpopMetadata: MetadataAddition = { metadata: { dpop_signing_alg_values_supported: [...SIGNING_ALGS] } };
