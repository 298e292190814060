import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Endpoint, EndpointRequest } from '../protocol/endpoint.types.js';
import type { ParsedBody } from './body-parsers.js';
import type { ClientCertificateSource } from './client-certificate-source.js';
import { noteAudit } from './request-outcome.js';

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function bodyMembers(body: ParsedBody | undefined): Pick<EndpointRequest, 'form' | 'json' | 'rawBody' | 'text'> {
  if (body === undefined) return {};
  if (body.kind === 'form') return { form: body.form };
  if (body.kind === 'json') return { json: body.json, rawBody: body.raw };
  return { text: body.text };
}

function pathParams(params: unknown): Pick<EndpointRequest, 'params'> {
  if (typeof params !== 'object' || params === null || Object.keys(params).length === 0) return {};
  return { params: params as Record<string, string> };
}

/** The audit recorder of a listener whose requests are not logged (below `info`): the facts would never be read. */
const ignoreAudit = (): void => undefined;

/**
 * Adapts a framework-free endpoint to a Fastify handler: builds the EndpointRequest (with the client certificate when
 * the listener has a certificate source, and — when `audited`, i.e. each request gets its log line — the audit facts'
 * recorder for that line) and sends the EndpointResponse as is. Errors propagate to the error handler.
 */
export function endpointHandler(endpoint: Endpoint, audited: boolean, certificateSource?: ClientCertificateSource) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const now = new Date();
    const certificate = certificateSource?.(request.raw, now, request.log);
    const response = await endpoint({
      method: request.method,
      url: request.url,
      ...pathParams(request.params),
      headers: headersOf(request),
      ...bodyMembers(request.body as ParsedBody | undefined),
      ...(certificate === undefined ? {} : { clientCertificate: certificate }),
      now,
      interactionId: request.id,
      audit: audited ? (facts) => noteAudit(request, facts) : ignoreAudit,
    });
    reply.status(response.status).headers(response.headers);
    return response.body === undefined ? reply.send() : reply.send(response.body);
  };
}
