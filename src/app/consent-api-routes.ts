import type { ClientKeys } from '../client-auth/client-keys.js';
import type { ObasConfig } from '../config/config.types.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { createMessageSigning, type MessageSigning } from '../consent/uk/message-signing.js';
import type { UkConsentRoute } from '../consent/uk/uk-consent-access.js';
import { UK_API_VERSIONS, UK_CONSENT_RESOURCES, ukConsentCollectionPath } from '../consent/uk/uk-consent-api.js';
import { createUkErrorPage } from '../consent/uk/uk-error-body.js';
import { createUkConsentCreationEndpoint } from '../endpoints/uk-consent-creation.endpoint.js';
import { createUkConsentDeletionEndpoint } from '../endpoints/uk-consent-deletion.endpoint.js';
import { createUkConsentReadEndpoint } from '../endpoints/uk-consent-read.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { ClientRepository } from '../storage/ports.js';
import type { KeyStore } from '../tokens/key-store.js';
import type { TokenLookup } from '../tokens/token-lookup.js';
import type { DpopGate } from '../tokens/dpop-gate.js';

/** What the consent API is built from. */
export interface ConsentApiDeps {
  readonly consents: ConsentLifecycle;
  readonly tokens: TokenLookup;
  /** DPoP proofs for DPoP-bound access tokens (RFC 9449 §7). */
  readonly dpop: DpopGate;
  readonly clientKeys: ClientKeys;
  readonly keys: KeyStore;
  readonly clients: ClientRepository;
}

/**
 * The UK OB consent API on the mTLS listener, for v3.1 and v4.0 under `consents.basePath`: POST of each resource,
 * GET of each consent, DELETE of account access and funds confirmation consents. Every error of these routes is a UK
 * error body of the route's release. With the profile's `messageSigning` on (uk-ob), payment consent requests must be
 * signed and their responses (errors included) are signed by obas; with it off (fapi2, stet) no signature is asked for
 * or given.
 */
export function createConsentApiRoutes(config: ObasConfig, deps: ConsentApiDeps): RouteDefinition[] {
  const signing = config.profile.messageSigning ? createMessageSigning({ issuer: config.issuer }, deps.keys, deps.clientKeys) : undefined;
  const clock = () => new Date();
  const access = { tokens: deps.tokens, dpop: deps.dpop, origin: config.mtlsBaseUrl };
  return UK_API_VERSIONS.flatMap((version) =>
    UK_CONSENT_RESOURCES.flatMap((spec) => {
      const path = ukConsentCollectionPath(config.consents.basePath, version, spec);
      const route: UkConsentRoute = { spec, version, collectionUrl: `${config.mtlsBaseUrl}${path}` };
      const routeSigning: MessageSigning | undefined = spec.payment ? signing : undefined;
      const common = { consents: deps.consents, access, ...(routeSigning === undefined ? {} : { signing: routeSigning }) };
      const errorPage = createUkErrorPage(version, routeSigning, clock);
      const routes: RouteDefinition[] = [
        { method: 'POST', path, endpoint: createUkConsentCreationEndpoint(route, { ...common, clients: deps.clients }), errorPage },
        { method: 'GET', path: `${path}/:ConsentId`, endpoint: createUkConsentReadEndpoint(route, common), errorPage },
      ];
      if (spec.deletable) {
        routes.push({ method: 'DELETE', path: `${path}/:ConsentId`, endpoint: createUkConsentDeletionEndpoint(route, common), errorPage });
      }
      return routes;
    }),
  );
}
