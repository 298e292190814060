import { createSecureContext } from 'node:tls';
import { Agent } from 'undici';
import type { TppTls } from '../support/tpp-client.js';

/** Which TLS identity a fuzz request is sent with: a TPP's certificate, none, or the resource server's. */
export type AgentName = 'tpp-a' | 'tpp-b' | 'bare' | 'rs';

/** One HTTP request as the fuzz sends it: everything already resolved to text or bytes. */
export interface FuzzRequest {
  readonly listener: 'front-channel' | 'mtls';
  readonly agent: AgentName;
  readonly method: string;
  /** Path and query, sent as they are (characters outside printable ASCII percent-encoded). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** How a request ended: an answer, no answer within the time limit, a connection closed without an answer. */
export type FuzzOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly milliseconds: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset'; readonly code: string };

/** Where and how the fuzz sends: both listeners' base URLs and one undici agent per identity. */
export interface FuzzTransport {
  readonly bases: Readonly<Record<FuzzRequest['listener'], string>>;
  readonly agents: Readonly<Record<AgentName, Agent>>;
  readonly timeoutMs: number;
}

/**
 * An agent for many short connections, since the server closes a connection after a 431, a 413 or a body it cannot
 * parse: its TLS context (key, certificate, CA) is built once rather than from PEM on every connection, and it
 * connects to `127.0.0.1` (no name lookup) while checking the server certificate for `localhost`.
 */
export function fuzzAgent(tls: TppTls): Agent {
  const secureContext = createSecureContext({ ca: tls.caPem, ...(tls.certPem === undefined ? {} : { cert: tls.certPem, key: tls.keyPem }) });
  return new Agent({ connect: { secureContext, servername: 'localhost' } });
}

/** `https://localhost:port` → `https://127.0.0.1:port`, for {@link fuzzAgent}. */
export function loopbackOrigin(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  return parsed.origin;
}

const OUTSIDE = { printable: /[^\x21-\x7e]/gu, unreserved: /[^A-Za-z0-9_.~-]/gu } as const;

/** Percent-encodes the UTF-8 bytes of the characters of `text` outside `keep` (a lone surrogate becomes U+FFFD). */
export function percentEncode(text: string, keep: keyof typeof OUTSIDE = 'printable'): string {
  return text.replace(OUTSIDE[keep], (character) => [...Buffer.from(character, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Network errors that mean the server closed the connection without answering. */
const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNREFUSED']);

/** The request target as undici accepts it: bytes outside printable ASCII percent-encoded, a leading slash. */
function sendableTarget(target: string): string {
  const encoded = percentEncode(target);
  return encoded.startsWith('/') ? encoded : `/${encoded}`;
}

/** Sends one request and reads its whole answer; never throws for what the server does. */
export async function sendFuzzRequest(transport: FuzzTransport, fuzz: FuzzRequest): Promise<FuzzOutcome> {
  const started = performance.now();
  const signal = AbortSignal.timeout(transport.timeoutMs);
  try {
    const response = await transport.agents[fuzz.agent].request({
      origin: transport.bases[fuzz.listener],
      path: sendableTarget(fuzz.target),
      method: fuzz.method as 'GET',
      headers: fuzz.headers,
      ...(fuzz.body === undefined || fuzz.method === 'HEAD' ? {} : { body: fuzz.body }),
      signal,
      headersTimeout: transport.timeoutMs,
      bodyTimeout: transport.timeoutMs,
    });
    await response.body.arrayBuffer();
    return { kind: 'answered', status: response.statusCode, milliseconds: Math.round(performance.now() - started) };
  } catch (error) {
    if (signal.aborted || isTimeout(error)) return { kind: 'hang' };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && CLOSED.has(code)) return { kind: 'reset', code };
    throw error;
  }
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

/** A request as a report shows it: long values cut, bytes in hex. */
export function describeFuzzRequest(fuzz: FuzzRequest): string {
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text);
  const body = fuzz.body === undefined ? '' : typeof fuzz.body === 'string' ? cut(fuzz.body) : `bytes:${cut(Buffer.from(fuzz.body).toString('hex'))}`;
  const headers = Object.entries(fuzz.headers).map(([name, value]) => `${name}: ${cut(value)}`);
  return [`${fuzz.method} ${cut(fuzz.target)} (${fuzz.listener}, as ${fuzz.agent})`, ...headers, '', body].join('\n');
}
