import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readShippedOpenApi, swaggerUiDistDirectory } from './package-files.js';
import { PORTAL_ASSET_PATHS, PORTAL_PATHS } from './portal-paths.js';
import { PORTAL_CSS } from './portal-stylesheet.js';
import { SWAGGER_INITIALIZER } from './swagger-initializer.js';
import { withLocalReferencesResolved } from './resolved-references.js';

/** A file the portal serves at one fixed path, read once at start. */
export interface PortalAsset {
  readonly path: string;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly body: string | Buffer;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const ONE_HOUR = 'public, max-age=3600';

/**
 * The portal's static files: its stylesheet, the Swagger UI initialiser and the two Swagger UI files it needs from
 * the installed `swagger-ui-dist`. The list is the allow-list: each is a route of its own, so no request path ever
 * names a file on disk.
 */
export function portalAssets(): PortalAsset[] {
  const swaggerUi = swaggerUiDistDirectory();
  return [
    { path: PORTAL_ASSET_PATHS.stylesheet, contentType: CSS, cacheControl: ONE_HOUR, body: PORTAL_CSS },
    { path: PORTAL_ASSET_PATHS.swaggerInitializer, contentType: JAVASCRIPT, cacheControl: ONE_HOUR, body: SWAGGER_INITIALIZER },
    { path: PORTAL_ASSET_PATHS.swaggerUiCss, contentType: CSS, cacheControl: ONE_HOUR, body: readFileSync(join(swaggerUi, 'swagger-ui.css')) },
    { path: PORTAL_ASSET_PATHS.swaggerUiBundle, contentType: JAVASCRIPT, cacheControl: ONE_HOUR, body: readFileSync(join(swaggerUi, 'swagger-ui-bundle.js')) },
  ];
}

/**
 * docs/openapi.yaml as shipped, at `/openapi.yaml` byte for byte and at `/openapi.json` as the same document in JSON;
 * for the API reference page, the same document with its references resolved.
 */
export function openApiDocuments(): PortalAsset[] {
  const yaml = readShippedOpenApi();
  const document = parse(yaml.toString('utf8')) as Record<string, unknown>;
  const cacheControl = 'public, max-age=300';
  const json = 'application/json; charset=utf-8';
  return [
    { path: PORTAL_PATHS.openApiYaml, contentType: 'application/yaml; charset=utf-8', cacheControl, body: yaml },
    { path: PORTAL_PATHS.openApiJson, contentType: json, cacheControl, body: JSON.stringify(document) },
    { path: PORTAL_ASSET_PATHS.resolvedOpenApi, contentType: json, cacheControl, body: JSON.stringify(withLocalReferencesResolved(document)) },
  ];
}
