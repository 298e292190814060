/** Paths of the developer portal's pages on the front channel; each but the OpenAPI documents also under `/en`, `/fr`. */
export const PORTAL_PATHS = {
  home: '/',
  guide: '/docs',
  flows: '/docs/flows',
  errors: '/docs/errors',
  api: '/docs/api',
  openApiJson: '/openapi.json',
  openApiYaml: '/openapi.yaml',
} as const;

/** A page of the portal that has a language. */
export type PortalPage = Exclude<keyof typeof PORTAL_PATHS, 'openApiJson' | 'openApiYaml'>;

/** Paths of the portal's static files: a fixed allow-list, nothing else is served from disk. */
export const PORTAL_ASSET_PATHS = {
  stylesheet: '/docs/assets/portal.css',
  swaggerUiCss: '/docs/assets/swagger-ui.css',
  swaggerUiBundle: '/docs/assets/swagger-ui-bundle.js',
  swaggerInitializer: '/docs/assets/swagger-initializer.js',
  /** docs/openapi.yaml with its references resolved, which Swagger UI renders ten times faster. */
  resolvedOpenApi: '/docs/assets/openapi-resolved.json',
} as const;

/** The path of `page` under a language prefix (`/fr`, or '' for the negotiated language): `/fr/docs`, `/fr` for home. */
export function localizedPath(prefix: string, page: PortalPage): string {
  const path = PORTAL_PATHS[page];
  if (path === '/') return prefix === '' ? '/' : prefix;
  return `${prefix}${path}`;
}
