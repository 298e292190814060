import { html, type SafeHtml } from '../ui/html.js';
import { renderPortalPage } from './portal-layout.js';
import { PORTAL_ASSET_PATHS, PORTAL_PATHS } from './portal-paths.js';
import type { PortalView } from './portal-view.js';

/**
 * `/docs/api`: the OpenAPI document rendered by Swagger UI, from files this server serves (no CDN, works offline);
 * the initialiser is a served script too, so that the CSP allows scripts from `'self'` only.
 */
export function renderApiReferencePage(view: PortalView): SafeHtml {
  const texts = view.texts.api;
  const main = html`<p>${texts.intro}</p>
<p>${texts.download}: <a href="${PORTAL_PATHS.openApiJson}">openapi.json</a>, <a href="${PORTAL_PATHS.openApiYaml}">openapi.yaml</a></p>
<div id="swagger-ui" data-url="${PORTAL_ASSET_PATHS.resolvedOpenApi}"><p>${texts.loading}</p></div>
`;
  return renderPortalPage({
    language: view.language,
    prefix: view.prefix,
    page: 'api',
    title: texts.title,
    main,
    stylesheets: [PORTAL_ASSET_PATHS.swaggerUiCss],
    scripts: [PORTAL_ASSET_PATHS.swaggerUiBundle, PORTAL_ASSET_PATHS.swaggerInitializer],
  });
}
