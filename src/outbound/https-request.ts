import type { LookupAddress, LookupOptions } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { OutboundError } from './outbound-error.js';
import type { OutboundTarget, ResolvedAddress } from './outbound-target.js';

/** A body to send: its media type and content. */
export interface HttpsRequestBody {
  readonly contentType: string;
  readonly text: string;
}

/** How one request is made. */
export interface HttpsRequestOptions {
  /** GET reads the answer's body; POST sends `body` and ignores the answer's body. */
  readonly method: 'GET' | 'POST';
  /** Request headers beside `host`, `accept-encoding` and the body's `content-type` / `content-length`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: HttpsRequestBody;
  /** Largest body read, in bytes; a larger one (declared or streamed) fails without being read further. */
  readonly maxBytes: number;
  /** CA certificates (PEM) the server certificate must chain to; Node's default roots when absent. */
  readonly ca?: readonly string[];
  /** Aborts the request (the caller's deadline). */
  readonly signal: AbortSignal;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A resolver that answers with the already checked addresses whatever it is asked: the connection is pinned to them,
 * so a second DNS answer (rebinding) cannot send it elsewhere, while TLS still checks the certificate for the host name.
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]) {
  return (_host: string, options: LookupOptions, callback: LookupCallback): void => {
    const [first] = addresses;
    if (options.all === true) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else if (first !== undefined) callback(null, first.address, first.family);
  };
}

/**
 * Sends one request to `target` over TLS (≥ 1.2), connecting only to its checked addresses, without connection reuse,
 * redirects (a 3xx fails), proxies or compression. Resolves on a 2xx answer: with its body as UTF-8 text for a GET,
 * with '' for a POST (whose answer's body is not read).
 */
export function httpsRequest(target: OutboundTarget, options: HttpsRequestOptions): Promise<string> {
  const { url, host, addresses } = target;
  const { body } = options;
  const bodyHeaders = body === undefined ? {} : { 'content-type': body.contentType, 'content-length': String(Buffer.byteLength(body.text)) };
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host,
        port: url.port === '' ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: options.method,
        headers: { ...options.headers, ...bodyHeaders, host: url.host, 'accept-encoding': 'identity' },
        lookup: pinnedLookup(addresses),
        agent: false,
        minVersion: 'TLSv1.2',
        signal: options.signal,
        ...(options.ca === undefined ? {} : { ca: [...options.ca] }),
      },
      (response) => readAnswer(response, options).then(resolve, reject),
    );
    outgoing.on('error', reject);
    outgoing.end(body?.text);
  });
}

function readAnswer(response: IncomingMessage, options: Pick<HttpsRequestOptions, 'method' | 'maxBytes'>): Promise<string> {
  const { maxBytes } = options;
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      response.destroy();
      reject(new OutboundError(reason));
    };
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) return fail(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`);
    if (options.method === 'POST') {
      response.destroy();
      return resolve('');
    }
    if (Number(response.headers['content-length'] ?? '0') > maxBytes) return fail(`larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) fail(`larger than ${maxBytes} bytes`);
      else chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => (response.complete ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new OutboundError('answer cut short'))));
  });
}
