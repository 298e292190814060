import { PURPOSE_PATHS } from '../authorization/interaction-session.js';
import type { ObasConfig } from '../config/config.types.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { createPortalAssetEndpoint } from '../endpoints/portal-asset.endpoint.js';
import { createPortalPageEndpoint, type PortalContext } from '../endpoints/portal-page.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import { renderApiReferencePage } from '../portal/api-reference.page.js';
import { renderErrorsPage } from '../portal/errors-catalogue.page.js';
import { guideCommands } from '../portal/guide-commands.js';
import { renderFlowsPage, renderGuidePage } from '../portal/guide.page.js';
import { renderLandingPage } from '../portal/landing.page.js';
import { openApiDocuments, portalAssets } from '../portal/portal-assets.js';
import { localizedPath, type PortalPage } from '../portal/portal-paths.js';
import type { PortalView } from '../portal/portal-view.js';
import { createErrorPage } from '../ui/error.page.js';
import type { SafeHtml } from '../ui/html.js';
import { LANGUAGES } from '../protocol/language.js';

/**
 * The served documentation on the front channel: the landing page `/`, the developer portal (`/docs` onboarding,
 * `/docs/flows`, `/docs/errors`, `/docs/api` rendered by Swagger UI), each also under `/en` and `/fr`; the OpenAPI
 * document at `/openapi.yaml` and `/openapi.json`; the portal's fixed static files. Files are read once, here.
 */
export function createPortalRoutes(config: ObasConfig): RouteDefinition[] {
  const context: PortalContext = {
    facts: { issuer: config.issuer, mtlsBaseUrl: config.mtlsBaseUrl, profile: config.profile.name },
    commands: guideCommands({ issuer: config.issuer, mtlsBaseUrl: config.mtlsBaseUrl, consentsBasePath: config.consents.basePath }),
    dialect: config.profile.reasonCodeDialect,
  };
  const landingTargets = {
    openidConfiguration: ENDPOINT_PATHS.openidConfiguration,
    authorizationServerMetadata: ENDPOINT_PATHS.authorizationServerMetadata,
    jwks: ENDPOINT_PATHS.jwks,
    consents: PURPOSE_PATHS.dashboard.consent,
  };
  const pages: Readonly<Record<PortalPage, (view: PortalView) => SafeHtml>> = {
    home: (view) => renderLandingPage(view, landingTargets),
    guide: renderGuidePage,
    flows: renderFlowsPage,
    errors: renderErrorsPage,
    api: renderApiReferencePage,
  };
  const errorPage = createErrorPage(config.profile.reasonCodeDialect);
  const pageRoutes = (page: PortalPage, endpoint: Endpoint): RouteDefinition[] =>
    ['', ...LANGUAGES.map((language) => `/${language}`)].map((prefix) => ({ method: 'GET', path: localizedPath(prefix, page), endpoint, errorPage }));
  return [
    ...(Object.keys(pages) as PortalPage[]).flatMap((page) => pageRoutes(page, createPortalPageEndpoint(context, pages[page]))),
    ...[...openApiDocuments(), ...portalAssets()].map((asset): RouteDefinition => ({ method: 'GET', path: asset.path, endpoint: createPortalAssetEndpoint(asset) })),
  ];
}
