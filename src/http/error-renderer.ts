import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorPage } from '../protocol/endpoint.types.js';
import { OAuthError, toOAuthError } from '../errors/oauth-error.js';
import { noteAudit, refusalFields } from './request-outcome.js';
import { describeWithReason, type ReasonCodeDialect } from '../errors/reason-catalogue.js';

/** Maps Fastify's own request errors (body too large, bad media type …) to the OAuth error they are. */
function fromFrameworkError(error: unknown): OAuthError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new OAuthError('invalid_request', 'The request body is too large', { reason: 'malformed_request', status: 413 });
  }
  return new OAuthError('invalid_request', 'The request is malformed', { reason: 'malformed_request', detail: code });
}

/**
 * Renders any error as an RFC 6749 §5.2 JSON error: status and headers from the OAuthError, `error_description` with
 * the profile's reason code. Anything that is not an OAuthError becomes an opaque 500 `server_error`; the internal
 * detail goes to the log line only. A failure of 500 or more is also logged as an error, with its stack, except
 * `temporarily_unavailable` (503, 429): expected while it lasts, it is reported once by whoever detects it (the
 * database's outages by the storage), and each request keeps only its own request line. Routes a browser navigates
 * to pass an `errorPage`, which renders the same error as a page instead.
 */
export function renderError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  dialect: ReasonCodeDialect,
  errorPage?: ErrorPage,
): FastifyReply {
  const oauthError = fromFrameworkError(error) ?? toOAuthError(error);
  noteAudit(request, { refusal: oauthError });
  if (oauthError.status >= 500 && oauthError.code !== 'temporarily_unavailable') {
    request.log.error({ ...refusalFields(oauthError), stack: (error as Error | null)?.stack }, 'request failed');
  }
  if (errorPage !== undefined) {
    const page = errorPage(oauthError, { url: request.url, headers: request.headers as Record<string, string | undefined> });
    return reply.status(page.status).headers({ ...oauthError.headers, ...page.headers }).send(page.body);
  }
  return reply
    .status(oauthError.status)
    .headers({ ...oauthError.headers, 'cache-control': 'no-store' })
    .type('application/json; charset=utf-8')
    .send({ error: oauthError.code, error_description: describeWithReason(oauthError.description, oauthError.reason, dialect) });
}
