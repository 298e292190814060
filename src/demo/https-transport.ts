import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** One HTTP exchange as the demo saw it, unredacted: only the verbose transcript, after redaction, ever prints it. */
export interface HttpExchange {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string | readonly string[]>>;
  readonly responseBody: string;
}

/** Called once per completed exchange. */
export type ExchangeObserver = (exchange: HttpExchange) => void;

/** The TLS side of a party: the CA it trusts besides the system roots and, for mutual TLS, its certificate and key. */
export interface TlsIdentity {
  readonly caPem: string;
  readonly certPem?: string;
  readonly keyPem?: string;
}

/** A request to send: redirects are never followed, the caller decides. */
export interface OutgoingRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Sends HTTPS requests with one TLS identity over kept-alive connections. */
export interface HttpsTransport {
  send(request: OutgoingRequest): Promise<HttpExchange>;
  close(): void;
}

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 1_048_576;

/**
 * An HTTPS transport over `node:https` (Node's global fetch cannot present a client certificate without undici): the
 * identity's certificate for RFC 8705 mutual TLS, the server checked against the system roots plus the given CA, each
 * request bounded in time and size, each exchange handed to the observer.
 */
export function createHttpsTransport(identity: TlsIdentity, observe: ExchangeObserver): HttpsTransport {
  const agent = new Agent({
    keepAlive: true,
    ca: [...rootCertificates, identity.caPem],
    ...(identity.certPem === undefined ? {} : { cert: identity.certPem }),
    ...(identity.keyPem === undefined ? {} : { key: identity.keyPem }),
  });
  return {
    async send(request) {
      const exchange = await exchangeOver(agent, request);
      observe(exchange);
      return exchange;
    },
    close: () => agent.destroy(),
  };
}

function exchangeOver(agent: Agent, request: OutgoingRequest): Promise<HttpExchange> {
  const body = request.body ?? '';
  const requestHeaders: Record<string, string> = {
    ...request.headers,
    ...(request.method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(request.url, { method: request.method, headers: requestHeaders, agent, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) response.destroy(new Error(`${request.url} answered more than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          method: request.method,
          url: request.url,
          requestHeaders,
          requestBody: body,
          status: response.statusCode ?? 0,
          responseHeaders: withoutUndefined(response.headers),
          responseBody: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${request.method} ${request.url} timed out after ${TIMEOUT_MS / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function withoutUndefined(headers: NodeJS.Dict<string | string[]>): Record<string, string | readonly string[]> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
}
