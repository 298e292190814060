import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { responseTarget, validateAuthorizationRequest } from '../authorization/authorization-request.validator.js';
import { pushedRequestParameters, REQUEST_URI_PREFIX } from '../authorization/request-source.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { intentFacts } from './audit-facts.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import { requireForm } from '../protocol/require-form.js';
import { invalidDpopProof } from '../errors/error-factories.js';
import type { AuthorizationParameters } from '../authorization/authorization-request.validator.js';
import type { DpopGate } from '../tokens/dpop-gate.js';
import type { DpopProof } from '../tokens/dpop-proof.js';

/** DPoP at PAR (RFC 9449 §10.1): the gate and the endpoint's absolute URI (the proofs' `htu`). */
export interface ParDpop {
  readonly gate: DpopGate;
  readonly url: string;
}

/**
 * The pushed authorization request endpoint (RFC 9126 §2) on the mutual-TLS listener: the client authenticates as at
 * the token endpoint (§2: same methods), the request (form parameters, or a request object in `request`) is validated
 * exactly as the authorization endpoint would (§2.1), and `201` returns a single-use `request_uri` of 256 random bits
 * bound to the client, with `expires_in` from `lifetimes.requestUri` (§2.2). Errors are JSON (§2.3). A DPoP proof
 * (RFC 9449 §10.1) binds the code to its key as `dpop_jkt` would; with both, they must name the same key.
 */
export function createParEndpoint(authenticateClient: AuthenticateClient, context: AuthorizationContext, dpop: ParDpop): Endpoint {
  const { policy, storage } = context;
  return async (request) => {
    const form = requireForm(request);
    const { client } = await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
    );
    request.audit({ clientId: client.clientId });
    const proof = await dpop.gate.proof(request, { url: dpop.url, required: false });
    const { parameters: pushed, signed } = await pushedRequestParameters(form, client, { settings: policy.settings, verifyRequestObject: context.verifyRequestObject }, request.now);
    const parameters = withProofKey(pushed, proof);
    const target = responseTarget(parameters, client, policy);
    const validated = await validateAuthorizationRequest(parameters, client, target, policy, storage.consents, request.now);
    request.audit(intentFacts(validated.intentId));
    const requestUri = `${REQUEST_URI_PREFIX}${randomHandle(32)}`;
    const lifetime = context.lifetimes.requestUri;
    await storage.pushedRequests.insert({
      requestUriHash: hashToken(requestUri),
      clientId: client.clientId,
      parameters: Object.fromEntries(parameters),
      signed,
      createdAt: request.now,
      expiresAt: new Date(request.now.getTime() + lifetime * 1000),
    });
    return {
      status: 201,
      headers: { ...NO_STORE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...(proof === undefined ? {} : dpop.gate.responseHeaders(request.now)) },
      body: { request_uri: requestUri, expires_in: lifetime },
    };
  };
}

/** The pushed parameters with `dpop_jkt` set to the proof's key (RFC 9449 §10.1); a different `dpop_jkt` is refused. */
function withProofKey(parameters: AuthorizationParameters, proof: DpopProof | undefined): AuthorizationParameters {
  if (proof === undefined) return parameters;
  const named = parameters.get('dpop_jkt');
  if (named !== undefined && named !== proof.jkt) throw invalidDpopProof('The DPoP proof key is not the dpop_jkt of the request', 'dpop_key_mismatch');
  return new Map([...parameters, ['dpop_jkt', proof.jkt]]);
}
