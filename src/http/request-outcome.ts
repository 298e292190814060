import type { FastifyRequest } from 'fastify';
import type { AuditFacts } from '../protocol/endpoint.types.js';
import type { OAuthError } from '../errors/oauth-error.js';

/** Longest request path a log line carries (an unmatched path is whatever the caller sent). */
const MAX_LOGGED_PATH = 256;

const facts = new WeakMap<FastifyRequest, AuditFacts>();

/** Adds audit facts to `request` (an endpoint's, or its refusal from the error renderer) for its single log line. */
export function noteAudit(request: FastifyRequest, added: AuditFacts): void {
  facts.set(request, { ...facts.get(request), ...added });
}

/**
 * The fields of a request's one log line (the audit trail): the route pattern (`null` when no route matched) and the
 * path without its query, truncated; status and duration; who (`client_id`, `subject`) and what (`grant_type`,
 * `consent_id`, `decision`), and a refusal's `error`, `reason` and internal `detail`. Facts hold identifiers only.
 */
export function requestLogFields(request: FastifyRequest, status: number, elapsedMs: number): Record<string, unknown> {
  const { clientId, subject, consentId, grantType, decision, refusal } = facts.get(request) ?? {};
  return {
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: request.url.split('?', 1)[0]?.slice(0, MAX_LOGGED_PATH),
    status,
    ms: Math.round(elapsedMs),
    client_id: clientId,
    grant_type: grantType,
    subject,
    consent_id: consentId,
    decision,
    ...(refusal === undefined ? {} : refusalFields(refusal)),
  };
}

/** How a log line names a refusal: its code, reason key and internal detail (never its public text). */
export const refusalFields = (error: OAuthError) => ({ error: error.code, reason: error.reason, detail: error.detail });
