import { expect } from 'vitest';
import type { PageExchange } from '../support/psu-http.js';

/** The exchange is obas's HTML error page (never a redirect) showing `code` and, when given, `detail`. */
export function expectErrorPage(exchange: PageExchange, code: string, detail?: string | RegExp): void {
  expect(exchange.location, 'an error page must not redirect').toBeUndefined();
  expect(exchange.status).toBeGreaterThanOrEqual(400);
  expect(exchange.headers.get('content-type')).toMatch(/^text\/html/);
  expect(exchange.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(exchange.body).toContain(`<code>${code}</code>`);
  if (typeof detail === 'string') expect(exchange.body).toContain(detail);
  if (detail instanceof RegExp) expect(exchange.body).toMatch(detail);
}

/** The exchange redirects to `redirectUri` with an error response; resolves its parameters. */
export function expectErrorRedirect(exchange: PageExchange, redirectUri: string, error: string): URLSearchParams {
  expect(exchange.status).toBe(303);
  const location = exchange.location ?? '';
  expect(location.startsWith(redirectUri)).toBe(true);
  const url = new URL(location);
  const parameters = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
  expect(parameters.get('error')).toBe(error);
  return parameters;
}
