import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REASONS } from '../../src/errors/reason-catalogue.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { tppAgent } from '../support/tpp-client.js';

const OPENAPI_FILE = new URL('../../docs/openapi.yaml', import.meta.url);
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const PAGES = ['/', '/docs', '/docs/flows', '/docs/errors', '/docs/api'];
const localized = (prefix: string, page: string) => (page === '/' ? prefix || '/' : `${prefix}${page}`);

describe('served documentation on the front channel', () => {
  let server: TestObas;
  let agent: Agent;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await undiciFetch(`${server.issuer}${path}`, { dispatcher: agent, headers });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  /** A GET with the path sent exactly as written (no URL normalisation of `..` or percent-encodings). */
  const rawGet = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(server.issuer);
      const request = httpsRequest({ hostname, port, path, ca: server.pki.caCertPem, servername: 'localhost' }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.on('error', reject);
      request.end();
    });

  beforeAll(async () => {
    server = await startTestObas({ profile: 'uk-ob' });
    agent = tppAgent({ caPem: server.pki.caCertPem });
  });

  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  it.each(['', '/en', '/fr'])('serves every page under "%s" as HTML in its language, with the portal CSP', async (prefix) => {
    for (const page of PAGES) {
      const path = localized(prefix, page);
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(answer.bytes.toString('utf8'), path).toContain(`<html lang="${prefix === '/fr' ? 'fr' : 'en'}">`);
      const csp = answer.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'"]) {
        expect(csp.split('; '), path).toContain(directive);
      }
      expect(csp, path).not.toContain('unsafe');
      expect(answer.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('negotiates the language of an unprefixed page from Accept-Language', async () => {
    const answer = await get('/docs', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(answer.bytes.toString('utf8')).toContain('<html lang="fr">');
    expect(answer.headers.get('vary')).toContain('accept-language');
  });

  it('serves /openapi.yaml byte for byte and /openapi.json as the same document', async () => {
    const yaml = await get('/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(yaml.bytes.equals(readFileSync(OPENAPI_FILE))).toBe(true);
    const json = await get('/openapi.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  it('gives the API reference page the same document with its references resolved', async () => {
    const original = parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, unknown>; components: unknown };
    const answer = await get('/docs/assets/openapi-resolved.json');
    expect(answer.status).toBe(200);
    const resolved = JSON.parse(answer.bytes.toString('utf8')) as { paths: Record<string, unknown>; components: unknown };
    expect(Object.keys(resolved.paths)).toEqual(Object.keys(original.paths));
    expect(resolved.components).toEqual(original.components);
    expect(JSON.stringify(resolved.paths)).not.toContain('"$ref"');
    const token = resolved.paths['/token'] as { post: { responses: Record<string, unknown> } };
    expect(Object.keys(token.post.responses)).toEqual(Object.keys((original.paths['/token'] as { post: { responses: Record<string, unknown> } }).post.responses));
  });

  it('serves the portal and Swagger UI files with their media types and caching', async () => {
    const assets: [string, string, Buffer?][] = [
      ['/docs/assets/portal.css', 'text/css; charset=utf-8'],
      ['/docs/assets/swagger-initializer.js', 'text/javascript; charset=utf-8'],
      ['/docs/assets/swagger-ui.css', 'text/css; charset=utf-8', readFileSync(join(SWAGGER_UI, 'swagger-ui.css'))],
      ['/docs/assets/swagger-ui-bundle.js', 'text/javascript; charset=utf-8', readFileSync(join(SWAGGER_UI, 'swagger-ui-bundle.js'))],
    ];
    for (const [path, contentType, file] of assets) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toBe(contentType);
      expect(answer.headers.get('cache-control'), path).toBe('public, max-age=3600');
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
      if (file !== undefined) expect(answer.bytes.equals(file), path).toBe(true);
    }
  });

  it.each([
    '/docs/assets/../../package.json',
    '/docs/assets/..%2f..%2fpackage.json',
    '/docs/assets/%2e%2e/%2e%2e/package.json',
    '/docs/assets/..%5c..%5cpackage.json',
    '/docs/assets/swagger-ui-bundle.js.map',
    '/docs/assets/index.html',
    '/docs/assets/',
    '/docs/assets/swagger-ui.css/..',
  ])('refuses %s: only the allow-listed files are served', async (path) => {
    const answer = await rawGet(path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('"dependencies"');
  });

  it('renders the reason catalogue and commands addressed to this server', async () => {
    const errors = (await get('/docs/errors')).bytes.toString('utf8');
    for (const [key, codes] of Object.entries(REASONS)) {
      expect(errors).toContain(`<tr id="reason-${key}">`);
      expect(errors).toContain(`<code>${codes.uk.code}</code> ${codes.uk.name}`);
    }
    const flows = (await get('/docs/flows')).bytes.toString('utf8');
    expect(flows).toContain(`${server.mtlsBaseUrl}/open-banking/v3.1/aisp/account-access-consents`);
    expect(flows).toContain(`${server.issuer}/authorize?client_id=my-tpp&amp;request=`);
  });
});
