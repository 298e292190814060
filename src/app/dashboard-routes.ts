import { createPsuDirectory } from '../authorization/psu-directory.js';
import { createPsuLockout, knownUsernamesOf } from '../authorization/psu-lockout.js';
import { PURPOSE_PATHS } from '../authorization/interaction-session.js';
import type { ObasConfig, RateLimitGroup } from '../config/config.types.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { Endpoint, EndpointRequest } from '../protocol/endpoint.types.js';
import { createDashboardRevokeEndpoint } from '../endpoints/psu-dashboard-revoke.endpoint.js';
import { openDashboardSignIn, type DashboardContext } from '../endpoints/psu-dashboard-stage.js';
import { createDashboardEndpoint, createDashboardLogoutEndpoint } from '../endpoints/psu-dashboard.endpoint.js';
import { createLoginStep } from '../endpoints/psu-login.endpoint.js';
import { createSecondFactorStep } from '../endpoints/psu-second-factor.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { Storage } from '../storage/ports.js';
import { createErrorPage } from '../ui/error.page.js';
import { LANGUAGES } from '../protocol/language.js';

/** How long a dashboard session lasts from its start, sign-in included. */
export const DASHBOARD_SESSION_SECONDS = 15 * 60;

/**
 * The PSU consent dashboard on the front channel, each page also under `/en` and `/fr`: `/consents` (the list),
 * `/consents/login` and `/consents/sca` (the authorization pages' sign-in steps), `/consents/revoke` (confirmation,
 * then the revocation) and `/consents/logout`. Errors are HTML pages.
 */
export function createDashboardRoutes(config: ObasConfig, storage: Pick<Storage, 'interactions' | 'clients' | 'psuLockouts'>, consents: ConsentLifecycle): RouteDefinition[] {
  const context = dashboardContextFor(config, storage, consents);
  const errorPage = createErrorPage(config.profile.reasonCodeDialect);
  const open = (request: EndpointRequest, stage: 'login' | 'second-factor') => openDashboardSignIn(request, context, stage);
  const paths = PURPOSE_PATHS.dashboard;
  const routes = (methods: readonly ('GET' | 'POST')[], path: string, endpoint: Endpoint, postRateLimit?: RateLimitGroup): RouteDefinition[] =>
    methods.flatMap((method) =>
      ['', ...LANGUAGES.map((language) => `/${language}`)].map((prefix) => ({
        method,
        path: `${prefix}${path}`,
        endpoint,
        errorPage,
        ...(method === 'POST' && postRateLimit !== undefined ? { rateLimit: postRateLimit } : {}),
      })),
    );
  return [
    ...routes(['GET'], paths.consent, createDashboardEndpoint(context)),
    ...routes(['GET', 'POST'], paths.login, createLoginStep(context, open), 'psu-login'),
    ...routes(['GET', 'POST'], paths['second-factor'], createSecondFactorStep(context, open), 'psu-login'),
    ...routes(['GET', 'POST'], `${paths.consent}/revoke`, createDashboardRevokeEndpoint(context)),
    ...routes(['POST'], `${paths.consent}/logout`, createDashboardLogoutEndpoint(context)),
  ];
}

/** The dashboard's sign-in and session, wired: shared by the consent dashboard and the CIBA bank app. */
export function dashboardContextFor(config: ObasConfig, storage: Pick<Storage, 'interactions' | 'clients' | 'psuLockouts'>, consents: ConsentLifecycle): DashboardContext {
  return {
    issuer: config.issuer,
    interactions: storage.interactions,
    clients: storage.clients,
    psus: createPsuDirectory(config.sandbox.psus),
    psuLockout: createPsuLockout(storage.psuLockouts, config.psuLockout, knownUsernamesOf(config.sandbox.psus)),
    consents,
    sessionSeconds: DASHBOARD_SESSION_SECONDS,
  };
}
