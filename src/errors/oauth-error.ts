import type { ReasonKey } from './reason-catalogue.js';

/**
 * Every error code obas can put in an `error` member: RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1 (`invalid_token`,
 * `insufficient_scope`), RFC 7591 §3.2.2 (registration), RFC 9101 §6.2 (`invalid_request_object`,
 * `invalid_request_uri`), OpenID Connect Core §3.1.2.6 (`login_required`), RFC 9449 §5, §7.1, §8 (`invalid_dpop_proof`,
 * `use_dpop_nonce`: 400 at the token and PAR endpoints, 401 with a DPoP challenge at a resource server), OpenID CIBA Core
 * §11 (`authorization_pending`, `slow_down`, `expired_token`; its `access_denied` is a 400 there) and §13
 * (`unknown_user_id`, `expired_login_hint_token`, `invalid_binding_message`, `missing_user_code`), plus
 * `not_found` / `method_not_allowed` for requests to paths or with methods no endpoint serves, and `temporarily_unavailable` (RFC 6749 §4.1.2.1) wherever
 * obas cannot answer now (its database is unavailable: 503; a rate limit: 429), with `Retry-After`. Codes are added here as the endpoints that return them are.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'invalid_software_statement'
  | 'unapproved_software_statement'
  | 'invalid_grant'
  | 'invalid_request_object'
  | 'invalid_request_uri'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'login_required'
  | 'insufficient_scope'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'unknown_user_id'
  | 'expired_login_hint_token'
  | 'invalid_binding_message'
  | 'missing_user_code'
  | 'not_found'
  | 'method_not_allowed'
  | 'temporarily_unavailable'
  | 'server_error';

/** HTTP status per error code: one table, so no call site picks a status of its own. */
export const STATUS_BY_CODE: Readonly<Record<OAuthErrorCode, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_token: 401,
  invalid_redirect_uri: 400,
  invalid_client_metadata: 400,
  invalid_software_statement: 400,
  unapproved_software_statement: 400,
  invalid_grant: 400,
  invalid_request_object: 400,
  invalid_request_uri: 400,
  unsupported_response_type: 400,
  access_denied: 403,
  login_required: 400,
  insufficient_scope: 403,
  invalid_dpop_proof: 400,
  use_dpop_nonce: 400,
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
  unknown_user_id: 400,
  expired_login_hint_token: 400,
  invalid_binding_message: 400,
  missing_user_code: 400,
  not_found: 404,
  method_not_allowed: 405,
  temporarily_unavailable: 503,
  server_error: 500,
};

/** Options of an {@link OAuthError} beyond its code and public description. */
export interface OAuthErrorOptions {
  /** Key into the reason catalogue; rendered per profile dialect into `error_description`. */
  readonly reason?: ReasonKey;
  /** Internal detail for the log line only; never sent to the caller. */
  readonly detail?: string;
  /** Extra response headers (e.g. `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the status from {@link STATUS_BY_CODE} where a specification demands another (e.g. RFC 7592 401). */
  readonly status?: number;
  /** What was wrong, field by field: the UK OB error body's `Errors[]` (`ErrorCode` from the reason, `Path`). */
  readonly fields?: readonly FieldProblem[];
}

/** One problem of a request, where it is (UK OB `Errors[]` item: `ErrorCode`, `Message`, `Path`). */
export interface FieldProblem {
  readonly reason: ReasonKey;
  /** Public text, as for `description`. */
  readonly message: string;
  /** Where: a JSON path in the body (`Data.Permissions`) or a header name (`x-idempotency-key`). */
  readonly path?: string;
}

/**
 * The one error type of obas (DESIGN.md "One error type"). `description` is public and must only contain the
 * characters RFC 6749 §5.2 allows in `error_description`; `detail` goes to logs only.
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly description: string;
  readonly reason: ReasonKey | undefined;
  readonly detail: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly fields: readonly FieldProblem[];

  constructor(code: OAuthErrorCode, description: string, options: OAuthErrorOptions = {}) {
    super(`${code}: ${description}`);
    this.name = 'OAuthError';
    this.code = code;
    this.status = options.status ?? STATUS_BY_CODE[code];
    this.description = description;
    this.reason = options.reason;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
    this.fields = options.fields ?? [];
  }
}

/** Turns anything thrown into an OAuthError; unknown errors become an opaque `server_error`. */
export function toOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new OAuthError('server_error', 'The server could not complete the request', { reason: 'internal_error', detail });
}
