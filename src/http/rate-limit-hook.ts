import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitGroup } from '../config/config.types.js';
import { temporarilyUnavailable } from '../errors/error-factories.js';
import { rateLimitClientKey, type ClientClaims } from '../rate-limits/client-key.js';
import type { OAuthError } from '../errors/oauth-error.js';
import type { RateLimiter, RateLimitRefusal } from '../rate-limits/rate-limiter.js';
import type { Mutable } from '../shared/mutable.js';
import type { ParsedBody } from './body-parsers.js';
import type { CertificateThumbprint } from './certificate-thumbprint.js';
import type { ClientAddress } from './client-address.js';

/** Rate limiting as a listener applies it to the routes that name a group. */
export interface RequestRateLimits {
  readonly limiter: RateLimiter;
  readonly addressOf: ClientAddress;
  readonly thumbprintOf: CertificateThumbprint;
  /** Called for each request refused (`obas_rate_limited_total`). */
  readonly onRefused?: (group: RateLimitGroup, scope: 'client' | 'address') => void;
}

/**
 * A route's `preHandler` (after body parsing, before the endpoint): finds the request's address and claimed client
 * and asks the limiter; a refusal is passed on as `temporarily_unavailable` with status 429 and `Retry-After` (RFC 6585
 * §4, RFC 6749 §4.1.2.1), so the route's renderer shows it as it shows any error (JSON, UK error body, error page).
 * A callback hook, not an async one: a limiter that decides at once (memory) lets the request go on in the same turn.
 */
export function rateLimitHook(group: RateLimitGroup, limits: RequestRateLimits) {
  const refused = (refusal: RateLimitRefusal | undefined): OAuthError | undefined => {
    if (refusal === undefined) return undefined;
    limits.onRefused?.(group, refusal.scope);
    return temporarilyUnavailable(
      `Too many requests from this ${refusal.scope}; retry after ${refusal.retryAfterSeconds} s`,
      'rate_limited',
      refusal.retryAfterSeconds,
      429,
      { detail: `rate limit of ${group} per ${refusal.scope}` },
    );
  };
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    let verdict: ReturnType<RateLimiter>;
    try {
      const client = rateLimitClientKey(claimsOf(request, limits.thumbprintOf(request.raw)));
      const address = limits.addressOf(request.raw);
      verdict = limits.limiter(group, client === undefined ? { address } : { address, client }, new Date());
    } catch (error) {
      done(error as Error);
      return;
    }
    if (verdict instanceof Promise) verdict.then((refusal) => done(refused(refusal)), (error: unknown) => done(error as Error));
    else done(refused(verdict));
  };
}

function claimsOf(request: FastifyRequest, certificateThumbprint: string | undefined): ClientClaims {
  // Built member by member (no spreads): this runs before every rate-limited request.
  const claims: Mutable<ClientClaims> = {};
  const body = request.body as ParsedBody | undefined;
  if (body?.kind === 'form') claims.form = body.form;
  const params = request.params as Record<string, string> | undefined;
  if (params !== undefined) claims.params = params;
  const { authorization } = request.headers;
  if (authorization !== undefined) claims.authorization = authorization;
  if (certificateThumbprint !== undefined) claims.certificateThumbprint = certificateThumbprint;
  return claims;
}
