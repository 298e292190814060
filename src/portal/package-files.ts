import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of obas's own `package.json`: the nearest ancestor of this module that has one. The same from
 * `src/portal` (tests run the sources) and from `dist/src/portal` (the built package), whose `docs/` ships alongside.
 */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('obas package.json not found above the portal module');
    directory = parent;
  }
  return directory;
}

/** docs/openapi.yaml as shipped in the package, byte for byte. */
export function readShippedOpenApi(): Buffer {
  return readFileSync(join(packageRoot(), 'docs', 'openapi.yaml'));
}

/** The directory of the installed `swagger-ui-dist` package (resolved as Node resolves a dependency of obas). */
export function swaggerUiDistDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}
