import type { Logger } from 'pino';
import { createCibaPinger } from '../authorization/ciba-ping.js';
import type { BackchannelDecisionContext, BackchannelRequestSettings } from '../authorization/ciba-lifecycle.js';
import { clientOf } from '../clients/client.js';
import type { ObasConfig } from '../config/config.types.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { createBackchannelAuthenticationEndpoint } from '../endpoints/backchannel-authentication.endpoint.js';
import { createBankAppEndpoint } from '../endpoints/psu-bank-app.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { OutboundClient } from '../outbound/outbound-client.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { LANGUAGES } from '../protocol/language.js';
import type { MetadataAddition } from '../protocol/metadata-addition.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import type { Storage } from '../storage/ports.js';
import type { KeyStore } from '../tokens/key-store.js';
import { createErrorPage } from '../ui/error.page.js';
import { dashboardContextFor } from './dashboard-routes.js';
import type { TokenService } from './token-service.js';

/**
 * Lifetimes of backchannel requests: `expires_in` 5 minutes unless `requested_expiry` asks otherwise, at most 10
 * minutes; polls at least 5 seconds apart (CIBA Core §7.3 default).
 */
export const BACKCHANNEL_REQUEST_SETTINGS: BackchannelRequestSettings = { defaultExpirySeconds: 300, maxExpirySeconds: 600, intervalSeconds: 5 };

/** CIBA, wired: the backchannel authentication endpoint (mTLS), the bank app (front channel), discovery metadata. */
export interface CibaService {
  readonly frontChannelRoutes: readonly RouteDefinition[];
  readonly mtlsRoutes: readonly RouteDefinition[];
  readonly metadata: MetadataAddition;
}

/** What {@link createCibaService} wires together. */
export interface CibaServiceParts {
  readonly config: ObasConfig;
  readonly storage: Storage;
  readonly keys: KeyStore;
  readonly service: TokenService;
  readonly consents: ConsentLifecycle;
  readonly outbound: Pick<OutboundClient, 'postJson'>;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Wires OpenID CIBA Core 1.0 with FAPI-CIBA in every profile (a client opts in by registering the CIBA grant): signed
 * requests at `/backchannel-authentication`, decisions on the bank app, and for ping clients the ping to their
 * `backchannel_client_notification_endpoint` through the outbound client once the PSU decided.
 */
export function createCibaService(parts: CibaServiceParts): CibaService {
  const { config, storage } = parts;
  const pinger = createCibaPinger(parts.outbound.postJson, parts.logger);
  const decisions: BackchannelDecisionContext = {
    storage,
    consentSeconds: config.profile.lifetimes.consent,
    notify: (request, ping) => {
      void storage.clients
        .find(request.clientId)
        .then((record) => {
          const endpoint = record === undefined ? undefined : clientOf(record).backchannel?.notificationEndpoint;
          return endpoint === undefined ? false : pinger({ clientId: request.clientId, endpoint, ping });
        })
        .catch((error: unknown) => parts.logger.warn({ clientId: request.clientId, detail: String(error) }, 'CIBA ping not sent'));
    },
  };
  const backchannel = createBackchannelAuthenticationEndpoint(parts.service.authenticateClient, {
    reader: {
      issuer: config.issuer,
      policy: { profile: config.profile.name, settings: config.profile.authorization },
      clientKeys: parts.service.clientKeys,
      keys: parts.keys,
      replay: storage.replayCache,
      findSubject: (hint) => config.sandbox.psus.find((psu) => psu.username === hint || psu.subject === hint)?.subject,
      consents: storage.consents,
    },
    requests: storage.backchannelRequests,
    settings: BACKCHANNEL_REQUEST_SETTINGS,
  });
  const bankApp = createBankAppEndpoint({ dashboard: dashboardContextFor(config, storage, parts.consents), requests: storage.backchannelRequests, decisions });
  const errorPage = createErrorPage(config.profile.reasonCodeDialect);
  const endpointUrl = `${config.mtlsBaseUrl}${ENDPOINT_PATHS.backchannelAuthentication}`;
  return {
    frontChannelRoutes: (['GET', 'POST'] as const).flatMap((method) =>
      ['', ...LANGUAGES.map((language) => `/${language}`)].map((prefix) => ({ method, path: `${prefix}${ENDPOINT_PATHS.bankApp}`, endpoint: bankApp, errorPage })),
    ),
    mtlsRoutes: [{ method: 'POST', path: ENDPOINT_PATHS.backchannelAuthentication, endpoint: backchannel, rateLimit: 'par' }],
    metadata: {
      metadata: {
        backchannel_authentication_endpoint: endpointUrl,
        backchannel_token_delivery_modes_supported: ['poll', 'ping'],
        backchannel_authentication_request_signing_alg_values_supported: [...SIGNING_ALGS],
        backchannel_user_code_parameter_supported: false,
      },
      mtlsAliases: { backchannel_authentication_endpoint: endpointUrl },
    },
  };
}
