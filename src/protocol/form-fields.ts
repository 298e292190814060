import { invalidRequest, missingParameter } from '../errors/error-factories.js';
import type { FormParameters } from '../protocol/endpoint.types.js';

/** Reads a required parameter; empty values count as missing (RFC 6749 §3.1). */
export function requiredParameter(form: FormParameters, name: string): string {
  const value = form.get(name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/** Reads an optional parameter; an empty value is treated as omitted (RFC 6749 §3.1). */
export function optionalParameter(form: FormParameters, name: string): string | undefined {
  const value = form.get(name);
  return value === undefined || value === '' ? undefined : value;
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Parses a `scope` value into its tokens (RFC 6749 §3.3: space-delimited NQCHAR strings). */
export function parseScope(scope: string): string[] {
  const tokens = scope.split(' ');
  if (tokens.some((token) => !SCOPE_TOKEN.test(token))) throw invalidRequest('The scope parameter is malformed');
  return [...new Set(tokens)];
}
