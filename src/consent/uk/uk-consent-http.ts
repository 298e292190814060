import type { EndpointRequest, EndpointResponse } from '../../protocol/endpoint.types.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { MessageSigning } from './message-signing.js';

/** What signs the responses of a route: present on payment consent routes when message signing is on. */
export type ResponseSigner = Pick<MessageSigning, 'signBody'>;

const JSON_MEDIA_TYPE = 'application/json';
const ACCEPTABLE_RANGES = [JSON_MEDIA_TYPE, 'application/*', '*/*'];

/**
 * A JSON response of the consent API: `Content-Type: application/json` (read/write data API profile, "Response
 * Headers"), not cacheable, and with `x-jws-signature` over the exact body text when `signing` is given.
 */
export function ukJsonResponse(status: number, body: Readonly<Record<string, unknown>>, signing: ResponseSigner | undefined, now: Date): EndpointResponse {
  const headers = { 'content-type': `${JSON_MEDIA_TYPE}; charset=utf-8`, 'cache-control': 'no-store' };
  if (signing === undefined) return { status, headers, body: JSON.stringify(body) };
  const signed = signing.signBody(body, now);
  return { status, headers: { ...headers, 'x-jws-signature': signed.signature }, body: signed.text };
}

/**
 * Refuses (406, U006 Header.Invalid) a request whose `Accept` header admits no JSON response; no `Accept` means
 * JSON (read/write data API profile, "Request Headers": Accept).
 */
export function requireJsonAccept(request: Pick<EndpointRequest, 'headers'>): void {
  const accept = request.headers['accept'];
  if (accept === undefined || accept.trim() === '') return;
  const ranges = accept.split(',').map((range) => range.split(';')[0]?.trim().toLowerCase() ?? '');
  if (ranges.some((range) => ACCEPTABLE_RANGES.includes(range))) return;
  throw new OAuthError('invalid_request', 'The Accept header must allow application/json', {
    reason: 'media_type_not_acceptable',
    status: 406,
    fields: [{ reason: 'media_type_not_acceptable', message: 'The Accept header must allow application/json', path: 'Accept' }],
  });
}

/**
 * The parsed JSON body and its exact text; any other or no `Content-Type` is refused with 415 (read/write data API
 * profile, "Request Headers": Content-Type must be application/json, else 415 Unsupported Media Type).
 */
export function requireJsonBody(request: Pick<EndpointRequest, 'headers' | 'json' | 'rawBody'>): { readonly json: unknown; readonly raw: string } {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === JSON_MEDIA_TYPE && request.json !== undefined && request.rawBody !== undefined) return { json: request.json, raw: request.rawBody };
  throw new OAuthError('invalid_request', 'The request body must be application/json', {
    reason: 'media_type_unsupported',
    status: 415,
    fields: [{ reason: 'media_type_unsupported', message: 'The request body must be application/json', path: 'Content-Type' }],
  });
}
