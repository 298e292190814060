import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { EndpointResponse, ErrorPage } from '../../protocol/endpoint.types.js';
import type { FieldProblem, OAuthError } from '../../errors/oauth-error.js';
import { REASONS, type ReasonKey } from '../../errors/reason-catalogue.js';
import type { UkApiVersion } from '../../storage/ports.js';
import { ukJsonResponse, type ResponseSigner } from './uk-consent-http.js';

const MAX_MESSAGE_LENGTH = 500;

/**
 * The UK OB error response (OBErrorResponse1) of a refusal: `Code` the HTTP status as text (`400 BadRequest`), `Id` a
 * fresh UUID, `Message` the public description, `Errors[]` one item per field problem (else one for the error's
 * reason) with `ErrorCode` the OBErrorResponseError1Code name (`UK.OBIE.Field.Invalid`) in v3.1 and the
 * OBExternalStatusReason1Code (`U002`) in v4.0, and `Path` where the problem is. A 401 has no body: the read/write
 * data API profile ("401 (Unauthorized)", v3.1.11 and v4.0) wants none for a missing, invalid or expired token; its
 * `WWW-Authenticate` challenge stays. Anything of status 500 or more reports `UK.OBIE.UnexpectedError` / `U000` only.
 */
export function ukErrorResponse(error: OAuthError, version: UkApiVersion, signing: ResponseSigner | undefined, now: Date): EndpointResponse {
  if (error.status === 401) return { status: 401, headers: { ...error.headers, 'cache-control': 'no-store' } };
  const serverError = error.status >= 500;
  const problems: readonly FieldProblem[] =
    error.fields.length > 0 && !serverError ? error.fields : [{ reason: reasonOf(error, serverError), message: error.description }];
  const body = {
    Code: `${error.status} ${(STATUS_CODES[error.status] ?? 'Error').replaceAll(' ', '')}`,
    Id: randomUUID(),
    Message: truncate(error.description),
    Errors: problems.map((problem) => ({
      ErrorCode: errorCode(problem.reason, version),
      Message: truncate(problem.message),
      ...(problem.path === undefined ? {} : { Path: problem.path }),
    })),
  };
  const response = ukJsonResponse(error.status, body, signing, now);
  return { ...response, headers: { ...error.headers, ...response.headers } };
}

/** Renders every error of a consent API route of `version` as {@link ukErrorResponse}, signed on payment routes. */
export function createUkErrorPage(version: UkApiVersion, signing: ResponseSigner | undefined, clock: () => Date): ErrorPage {
  return (error) => ukErrorResponse(error, version, signing, clock());
}

function reasonOf(error: OAuthError, serverError: boolean): ReasonKey {
  if (serverError) return 'internal_error';
  return error.reason ?? 'parameter_invalid';
}

function errorCode(reason: ReasonKey, version: UkApiVersion): string {
  const codes = REASONS[reason].uk;
  return version === 'v3.1' ? codes.name : codes.code;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
