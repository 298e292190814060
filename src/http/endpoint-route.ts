import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Endpoint, EndpointRequest } from '../protocol/endpoint.types.js';
import type { Mutable } from '../shared/mutable.js';
import type { ParsedBody } from './body-parsers.js';
import type { ClientCertificateSource } from './client-certificate-source.js';
import { noteAudit } from './request-outcome.js';

/** An EndpointRequest while it is being built. */
type RequestUnderConstruction = Mutable<EndpointRequest>;

/**
 * The request's headers with every value a string: Node's own object as it is (endpoints only read it), unless a header
 * came as a list (Node keeps `set-cookie` lines apart), which a copy joins. Not copied otherwise: this runs for every request.
 */
function headersOf(request: FastifyRequest): Readonly<Record<string, string | undefined>> {
  const raw = request.headers;
  for (const name in raw) if (Array.isArray(raw[name])) return joinedHeaders(raw);
  return raw as Readonly<Record<string, string | undefined>>;
}

function joinedHeaders(raw: FastifyRequest['headers']): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const name in raw) {
    const value = raw[name];
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Adds the parsed body's members; member by member (no spreads): this runs for every request. */
function addBody(target: RequestUnderConstruction, body: ParsedBody | undefined): void {
  if (body === undefined) return;
  if (body.kind === 'form') target.form = body.form;
  else if (body.kind === 'json') {
    target.json = body.json;
    target.rawBody = body.raw;
  } else target.text = body.text;
}

function hasParams(params: unknown): params is Record<string, string> {
  if (typeof params !== 'object' || params === null) return false;
  for (const _name in params) return true;
  return false;
}

/** The audit recorder of a listener whose requests are not logged (below `info`): the facts would never be read. */
const ignoreAudit = (): void => undefined;

/**
 * Adapts a framework-free endpoint to a Fastify handler: builds the EndpointRequest (with the client certificate when
 * the listener has a certificate source, and — when `audited`, i.e. each request gets its log line — the audit facts'
 * recorder for that line) and sends the EndpointResponse as is. Errors propagate to the error handler.
 */
export function endpointHandler(endpoint: Endpoint, audited: boolean, certificateSource?: ClientCertificateSource) {
  // Not async: the endpoint's own promise, with one continuation (this runs for every request). A throw before the
  // endpoint answers reaches Fastify's error handler as a rejection would.
  return (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const now = new Date();
    const certificate = certificateSource?.(request.raw, now, request.log);
    const endpointRequest: RequestUnderConstruction = {
      method: request.method,
      url: request.url,
      headers: headersOf(request),
      now,
      interactionId: request.id,
      audit: audited ? (facts) => noteAudit(request, facts) : ignoreAudit,
    };
    if (hasParams(request.params)) endpointRequest.params = request.params;
    addBody(endpointRequest, request.body as ParsedBody | undefined);
    if (certificate !== undefined) endpointRequest.clientCertificate = certificate;
    return endpoint(endpointRequest).then((response) => {
      reply.status(response.status).headers(response.headers);
      return response.body === undefined ? reply.send() : reply.send(response.body);
    });
  };
}
