import { invalidRequest } from '../errors/error-factories.js';
import type { EndpointRequest, FormParameters } from '../protocol/endpoint.types.js';

/** The form body of a request that must be `application/x-www-form-urlencoded` (RFC 6749 §3.2). */
export function requireForm(request: EndpointRequest): FormParameters {
  if (request.form === undefined) {
    throw invalidRequest('The body must be application/x-www-form-urlencoded', 'malformed_request');
  }
  return request.form;
}
