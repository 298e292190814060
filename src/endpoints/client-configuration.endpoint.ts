import type { AuthoriseClientConfiguration, ClientConfigurationAccess } from '../registration/client-configuration-access.js';
import { clientInformationResponse } from '../registration/client-information.js';
import { removeClient, type ClientHoldings } from '../registration/client-removal.js';
import { decideRegistration } from '../registration/registration-decision.js';
import { invalidToken } from '../errors/error-factories.js';
import { invalidClientMetadata, invalidSoftwareStatement } from '../registration/registration-errors.js';
import { registrationSecret } from '../registration/registration-secret.js';
import { claimSingleUse } from '../registration/single-use-claims.js';
import type { ClientRecord } from '../storage/ports.js';
import type { Endpoint, EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import type { RegistrationEndpointDependencies } from './registration.endpoint.js';

/** What the client configuration endpoint needs beyond the registration endpoint's dependencies. */
export interface ClientConfigurationDependencies extends RegistrationEndpointDependencies {
  readonly authorise: AuthoriseClientConfiguration;
  readonly holdings: ClientHoldings;
}

const gone = () => invalidToken('The registration access token is invalid, or the client does not exist', 'registration_token_invalid');

/**
 * The client configuration endpoint (RFC 7592 §2) at `registration_client_uri`: `GET` reads the registration, `PUT`
 * replaces it with the same checks as a registration (a refused update changes nothing; the update is one atomic
 * statement that cannot bring back a client deleted meanwhile), `DELETE` removes the client and revokes everything it
 * holds (204). Every method is authorised by `authorise` first.
 */
export function createClientConfigurationEndpoint(dependencies: ClientConfigurationDependencies): Endpoint {
  const uriOf = (client: ClientRecord) => dependencies.registrationClientUri(client.clientId);

  async function update(request: EndpointRequest, access: ClientConfigurationAccess): Promise<EndpointResponse> {
    const previous = access.client;
    const registration = await dependencies.readRequest(request);
    const claimedId = registration.metadata['client_id'];
    if (claimedId !== undefined && claimedId !== previous.clientId) {
      throw invalidClientMetadata('client_id must be the client_id of this registration (RFC 7592 section 2.2)');
    }
    const registeredStatement = previous.metadata['software_statement'];
    if (registeredStatement !== undefined && registration.softwareStatement === undefined) {
      throw invalidSoftwareStatement('This client was registered with a software statement; an update must carry one', 'software_statement_missing');
    }
    const metadata = decideRegistration(dependencies.policy, registration, access.certificate, previous.clientId);
    const softwareId = previous.metadata['software_id'];
    if (softwareId !== undefined && metadata['software_id'] !== softwareId) {
      throw invalidClientMetadata(`software_id cannot change: this client is software ${String(softwareId)}`);
    }
    const secret = await registrationSecret(metadata, previous);
    await claimSingleUse(dependencies.replayCache, registration, dependencies.policy.settings.softwareStatementSingleUse, request.now, registeredStatement);
    const { secretHash: _previousSecret, ...kept } = previous;
    const updated: ClientRecord = {
      ...kept,
      metadata,
      ...(secret.secretHash === undefined ? {} : { secretHash: secret.secretHash }),
      updatedAt: request.now,
    };
    if (!(await dependencies.clients.replace(updated))) throw gone();
    const credentials = {
      ...(access.registrationAccessToken === undefined ? {} : { registrationAccessToken: access.registrationAccessToken }),
      ...(secret.clientSecret === undefined ? {} : { clientSecret: secret.clientSecret }),
    };
    return clientInformationResponse(updated, uriOf(updated), credentials, 200);
  }

  return async (request) => {
    const access = await dependencies.authorise(request, request.params?.['clientId'] ?? '');
    if (request.method === 'PUT') return update(request, access);
    if (request.method === 'DELETE') {
      const removal = await removeClient(dependencies.holdings, access.client.clientId, request.now);
      if (!removal.deleted) throw gone();
      return { status: 204, headers: NO_STORE_HEADERS };
    }
    const credentials = access.registrationAccessToken === undefined ? {} : { registrationAccessToken: access.registrationAccessToken };
    return clientInformationResponse(access.client, uriOf(access.client), credentials, 200);
  };
}
