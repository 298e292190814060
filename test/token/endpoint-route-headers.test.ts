import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointHandler } from '../../src/http/endpoint-route.js';
import type { EndpointRequest } from '../../src/protocol/endpoint.types.js';

describe('the headers an endpoint sees', () => {
  const app = Fastify();
  let seen: EndpointRequest['headers'] | undefined;
  app.get(
    '/echo',
    endpointHandler(async (request) => {
      seen = request.headers;
      return { status: 204, headers: {} };
    }, false),
  );

  afterEach(() => {
    seen = undefined;
  });

  it('are strings, a header sent on several lines joined with commas', async () => {
    const response = await app.inject({ method: 'GET', url: '/echo', headers: { 'set-cookie': ['a=1', 'b=2'], 'x-fapi-interaction-id': 'id-1' } });
    expect(response.statusCode).toBe(204);
    expect(seen?.['set-cookie']).toBe('a=1, b=2');
    expect(seen?.['x-fapi-interaction-id']).toBe('id-1');
    for (const value of Object.values(seen ?? {})) expect(typeof value).toBe('string');
  });

  it('are the request’s own values when every header came on one line', async () => {
    await app.inject({ method: 'GET', url: '/echo', headers: { authorization: 'Basic YTpi', 'x-one': '1' } });
    expect(seen?.['authorization']).toBe('Basic YTpi');
    expect(seen?.['x-one']).toBe('1');
    for (const value of Object.values(seen ?? {})) expect(typeof value).toBe('string');
  });
});
