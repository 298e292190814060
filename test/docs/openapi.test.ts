import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../src/config/profiles/profile-registry.js';
import { STATUS_BY_CODE } from '../../src/errors/oauth-error.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { tppAgent } from '../support/tpp-client.js';
import { documentedOperations, openApiPath, readOpenApi, requestPath, resolve, valuesOf, type DocumentedOperation } from './openapi-document.js';

const document = readOpenApi();
const operations = documentedOperations(document);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether an answer is the listener's own for a path it does not serve (404) or a method it does not take there (405). */
function isUnknownRouteAnswer(status: number, body: string): boolean {
  if (status !== 404 && status !== 405) return false;
  let json: { error?: unknown; error_description?: unknown };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return false;
  }
  if (status === 405) return json.error === 'method_not_allowed';
  return json.error === 'not_found' && String(json.error_description).endsWith('No such endpoint');
}

describe('docs/openapi.yaml', () => {
  it('is an OpenAPI 3.1 document with info and paths', () => {
    expect(String(document['openapi'])).toMatch(/^3\.1\./);
    expect(resolve(document, document['info'])).toMatchObject({ title: 'obas', version: expect.any(String) });
    expect(operations.length).toBeGreaterThan(0);
  });

  it('gives every operation responses, each with x-fapi-interaction-id', () => {
    for (const { method, path, operation } of operations) {
      const responses = Object.values(resolve(document, operation['responses']));
      expect(responses.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const response of responses) {
        const headers = resolve(document, resolve(document, response)['headers'] ?? {});
        expect(headers['x-fapi-interaction-id'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('has no dangling $ref', () => {
    for (const ref of valuesOf(document, '$ref')) expect(() => resolve(document, { $ref: ref }), String(ref)).not.toThrow();
  });

  it('lists exactly the error codes obas answers with', () => {
    const error = resolve(document, { $ref: '#/components/schemas/Error' });
    expect(error).toMatchObject({ properties: { error: { enum: Object.keys(STATUS_BY_CODE) } } });
  });

  it('names only shipped profiles in x-obas-profiles', () => {
    const named = valuesOf(document, 'x-obas-profiles').flat();
    expect(named.length).toBeGreaterThan(0);
    for (const profile of named) expect(PROFILE_NAMES).toContain(profile);
  });
});

describe.each(PROFILE_NAMES)('docs/openapi.yaml against obas, profile %s', (profile) => {
  let server: TestObas;
  let agent: Agent;

  const send = async (listener: DocumentedOperation['listener'], method: string, path: string) => {
    const base = listener === 'mtls' ? server.mtlsBaseUrl : server.issuer;
    const response = await undiciFetch(`${base}${path}`, { method, dispatcher: agent, redirect: 'manual' });
    return {
      status: response.status,
      mediaType: response.headers.get('content-type')?.split(';')[0],
      interactionId: response.headers.get('x-fapi-interaction-id'),
      body: await response.text(),
    };
  };

  beforeAll(async () => {
    server = await startTestObas({ profile });
    agent = tppAgent({ caPem: server.pki.caCertPem });
  });

  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  it('answers an unknown path with 404 and a wrong method with 405', async () => {
    const unknownPath = await send('mtls', 'POST', '/no-such-endpoint');
    expect(isUnknownRouteAnswer(unknownPath.status, unknownPath.body)).toBe(true);
    const wrongMethod = await send('front-channel', 'DELETE', '/jwks');
    expect(isUnknownRouteAnswer(wrongMethod.status, wrongMethod.body)).toBe(true);
  });

  it('serves every documented operation on the listener the document names, as documented', async () => {
    for (const { listener, method, path, operation } of operations) {
      const answer = await send(listener, method, requestPath(path));
      const name = `${method} ${path} on ${listener}: ${answer.status} ${answer.body.slice(0, 200)}`;
      expect(isUnknownRouteAnswer(answer.status, answer.body), name).toBe(false);
      expect(answer.interactionId, name).toMatch(UUID);
      const documented = resolve(document, resolve(document, operation['responses'])[String(answer.status)] ?? {});
      expect(documented['description'], `${name}: status not documented`).toBeDefined();
      const mediaTypes = Object.keys(resolve(document, documented['content'] ?? {}));
      const asDocumented = answer.mediaType === undefined ? mediaTypes.length === 0 : mediaTypes.includes(answer.mediaType);
      expect(asDocumented, `${name}: media type ${answer.mediaType} not documented`).toBe(true);
    }
  });

  it('documents every route it serves', () => {
    const documented = new Set(operations.map(({ listener, method, path }) => `${listener} ${method} ${path}`));
    const served = server.routes.map(({ listener, method, path }) => `${listener} ${method} ${openApiPath(path)}`);
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });
});
