import { randomUUID } from 'node:crypto';
import { requireTrustedCertificate } from '../client-auth/certificate-requirements.js';
import { clientInformationResponse } from '../registration/client-information.js';
import { decideRegistration, type RegistrationPolicy } from '../registration/registration-decision.js';
import type { ReadRegistrationRequest } from '../registration/registration-request.js';
import { registrationSecret } from '../registration/registration-secret.js';
import { claimSingleUse } from '../registration/single-use-claims.js';
import type { ClientRepository, ReplayCacheRepository } from '../storage/ports.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** What the registration endpoints share. */
export interface RegistrationEndpointDependencies {
  readonly policy: RegistrationPolicy;
  readonly readRequest: ReadRegistrationRequest;
  readonly clients: ClientRepository;
  readonly replayCache: ReplayCacheRepository;
  /** `registration_client_uri` of a client (RFC 7592 §3). */
  registrationClientUri(clientId: string): string;
}

/**
 * The client registration endpoint (RFC 7591 §3, UK OB DCR v3.3 `POST /register`): over mutual TLS with a trusted
 * certificate, read and verify the request and its software statement, decide the metadata, then store the client
 * with a new `client_id`, a 256-bit registration access token kept as its SHA-256, and a secret's hash for
 * `client_secret_*` methods. Answers 201 with the client information response.
 */
export function createRegistrationEndpoint(dependencies: RegistrationEndpointDependencies): Endpoint {
  const { policy, readRequest, clients, replayCache } = dependencies;
  return async (request) => {
    const certificate = requireTrustedCertificate(request.clientCertificate);
    const registration = await readRequest(request);
    const clientId = randomUUID();
    const metadata = decideRegistration(policy, registration, certificate, clientId);
    const secret = await registrationSecret(metadata);
    await claimSingleUse(replayCache, registration, policy.settings.softwareStatementSingleUse, request.now);
    const registrationAccessToken = randomHandle(32);
    const client = {
      clientId,
      metadata,
      ...(secret.secretHash === undefined ? {} : { secretHash: secret.secretHash }),
      registrationAccessTokenHash: hashToken(registrationAccessToken),
      source: 'dcr' as const,
      createdAt: request.now,
      updatedAt: request.now,
    };
    await clients.save(client);
    request.audit({ clientId, decision: 'created' });
    const credentials = { registrationAccessToken, ...(secret.clientSecret === undefined ? {} : { clientSecret: secret.clientSecret }) };
    return clientInformationResponse(client, dependencies.registrationClientUri(clientId), credentials, 201);
  };
}
