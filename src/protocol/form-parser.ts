import type { RequestLimits } from './request-limits.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { FormParameters } from '../protocol/endpoint.types.js';

/**
 * Parses an `application/x-www-form-urlencoded` body (WHATWG URL standard) with the request limits applied.
 * A parameter sent more than once is rejected (RFC 6749 §3.1, §3.2: "Request and response parameters MUST NOT be
 * included more than once"), as are more parameters or longer values than the limits allow.
 */
export function parseForm(body: string, limits: RequestLimits): FormParameters {
  const parsed = new URLSearchParams(body);
  const form = new Map<string, string>();
  for (const [name, value] of parsed) {
    if (form.has(name)) throw invalidRequest(`The ${safeName(name)} parameter is repeated`, 'parameter_repeated');
    if (form.size >= limits.parameters) throw invalidRequest('Too many parameters', 'malformed_request');
    if (name.length > 128 || value.length > limits.parameterLength) {
      throw invalidRequest(`The ${safeName(name)} parameter is too long`, 'parameter_invalid');
    }
    form.set(name, value);
  }
  return form;
}

/** A parameter name fit to echo in `error_description` (RFC 6749 §5.2 character set, bounded length). */
function safeName(name: string): string {
  const cleaned = name.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?');
  return cleaned.length > 40 ? `${cleaned.slice(0, 40)}...` : cleaned;
}
