import type { FastifyInstance } from 'fastify';
import type { RequestLimits } from '../protocol/request-limits.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import { parseForm } from '../protocol/form-parser.js';
import { invalidRequest } from '../errors/error-factories.js';

/** A parsed request body, tagged by how it was parsed. */
export type ParsedBody =
  | { readonly kind: 'form'; readonly form: FormParameters }
  | { readonly kind: 'json'; readonly json: unknown; readonly raw: string }
  | { readonly kind: 'text'; readonly text: string; readonly mediaType: string };

const MAX_JSON_DEPTH = 16;

/**
 * Registers the body parsers of a listener: form (duplicates and limits checked), JSON (depth-limited, no prototype
 * keys), and any other media type as text so that the endpoint, not the framework, decides what it accepts.
 * The body size limit is the Fastify `bodyLimit` of the instance.
 */
export function registerBodyParsers(app: FastifyInstance, limits: RequestLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, { kind: 'form', form: parseForm(body as string, limits) } satisfies ParsedBody);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(['application/json', 'application/jwk-set+json'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, { kind: 'json', json: parseJson(body as string), raw: body as string } satisfies ParsedBody);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    done(null, { kind: 'text', text: body as string, mediaType } satisfies ParsedBody);
  });
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, member: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : member));
  } catch {
    throw invalidRequest('The body is not valid JSON', 'malformed_request');
  }
  if (depthOf(value, 0) > MAX_JSON_DEPTH) throw invalidRequest('The JSON body is nested too deeply', 'malformed_request');
  return value;
}

function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_JSON_DEPTH || typeof value !== 'object' || value === null) return depth;
  let deepest = depth;
  for (const member of Object.values(value)) deepest = Math.max(deepest, depthOf(member, depth + 1));
  return deepest;
}
