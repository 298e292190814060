import type { RequestLimits } from './request-limits.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import { parseForm } from '../protocol/form-parser.js';

/**
 * The query parameters of a request URL, under the same rules as a form body: limits applied, and a parameter
 * repeated is refused (RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once").
 */
export function queryParameters(url: string, limits: RequestLimits): FormParameters {
  const question = url.indexOf('?');
  return parseForm(question === -1 ? '' : url.slice(question + 1).split('#')[0] ?? '', limits);
}
