import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitGroup } from '../config/config.types.js';
import { temporarilyUnavailable } from '../errors/error-factories.js';
import { claimedClientId, clientKeyOf, type ClientClaims } from '../rate-limits/client-key.js';
import type { OAuthError } from '../errors/oauth-error.js';
import type { RateLimiter, RateLimitRefusal, RateLimitSubject } from '../rate-limits/rate-limiter.js';
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
  const subjects = new WeakMap<object, RememberedSubject>();
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
      const thumbprint = limits.thumbprintOf(request.raw);
      const claimedId = claimedClientId(claimsOf(request, thumbprint));
      const address = limits.addressOf(request.raw);
      verdict = limits.limiter(group, subjectOf(subjects, request.raw.socket, { address, claimedId, thumbprint }), new Date());
    } catch (error) {
      done(error as Error);
      return;
    }
    if (verdict instanceof Promise) verdict.then((refusal) => done(refused(refusal)), (error: unknown) => done(error as Error));
    else done(refused(verdict));
  };
}

/** What a request's rate-limit subject is made of. */
interface SubjectParts {
  readonly address: string;
  readonly claimedId: string | undefined;
  readonly thumbprint: string | undefined;
}

/** A connection's last subject, with the parts it was made of. */
interface RememberedSubject extends SubjectParts {
  readonly subject: RateLimitSubject;
}

/**
 * The subject of the connection's previous request when this one's parts are the same, else a new one remembered for
 * the next: the limiter keeps its bucket keys per subject object (rate-limits/rate-limiter.ts), and the client key
 * is only composed when the parts change.
 */
function subjectOf(subjects: WeakMap<object, RememberedSubject>, socket: object, parts: SubjectParts): RateLimitSubject {
  const last = subjects.get(socket);
  if (last !== undefined && last.address === parts.address && last.claimedId === parts.claimedId && last.thumbprint === parts.thumbprint) {
    return last.subject;
  }
  const client = clientKeyOf(parts.claimedId, parts.thumbprint);
  const subject: RateLimitSubject = client === undefined ? { address: parts.address } : { address: parts.address, client };
  subjects.set(socket, { ...parts, subject });
  return subject;
}

function claimsOf(request: FastifyRequest, certificateThumbprint: string | undefined): ClientClaims {
  // Built member by member (no spreads): this runs before every rate-limited request.
  const claims: { -readonly [K in keyof ClientClaims]: ClientClaims[K] } = {};
  const body = request.body as ParsedBody | undefined;
  if (body?.kind === 'form') claims.form = body.form;
  const params = request.params as Record<string, string> | undefined;
  if (params !== undefined) claims.params = params;
  const { authorization } = request.headers;
  if (authorization !== undefined) claims.authorization = authorization;
  if (certificateThumbprint !== undefined) claims.certificateThumbprint = certificateThumbprint;
  return claims;
}
