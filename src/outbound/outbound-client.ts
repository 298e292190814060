import { rootCertificates } from 'node:tls';
import { setTimeout as delay } from 'node:timers/promises';
import { withTimeout } from '../shared/with-timeout.js';
import { createAddressPolicy } from './address-policy.js';
import { httpsRequest, type HttpsRequestOptions } from './https-request.js';
import { OutboundError } from './outbound-error.js';
import { outboundUrl, resolveTarget, systemResolver, type ResolveHost } from './outbound-target.js';

/** How obas reaches out (the `outbound` configuration section, plus what the wiring adds). */
export interface OutboundSettings {
  /** Addresses, CIDR blocks and host names obas may connect to although they are not public (`outbound.allow`). */
  readonly allow: readonly string[];
  /** Bound on one request: resolution, connection, TLS, headers and body. Every failure is reported after exactly this long. */
  readonly timeoutMs: number;
  /** Largest response body, in bytes. */
  readonly maxBytes: number;
  /** CA certificates (PEM) trusted beside Node's bundled roots for server certificates: the dev CA in a development set-up. */
  readonly extraCaPems?: readonly string[];
  /** Host name resolution; the system resolver unless a test injects answers. */
  readonly resolve?: ResolveHost;
}

/** GETs a document from an https URL (e.g. a JWK Set, RFC 7517 §5); rejects with an {@link OutboundError}. */
export type OutboundFetch = (url: string, accept: string) => Promise<string>;

/**
 * POSTs `json` (serialised) to an https URL with `headers` (e.g. the CIBA ping callback, OpenID CIBA Core §10.2) and
 * resolves once it answered 2xx, whose body is ignored; rejects with an {@link OutboundError}.
 */
export type OutboundPost = (url: string, json: unknown, headers: Readonly<Record<string, string>>) => Promise<void>;

/** Why the outbound policy refuses a URL. */
export interface OutboundRefusal {
  /** What is wrong with the URL, fit for the client that supplied it: `names a non-public address (loopback)`. */
  readonly refusal: string;
  /** The same for logs, with the addresses a host name resolved to. */
  readonly detail: string;
}

/**
 * Judges a URL before it is stored (e.g. a `jwks_uri` at registration, RFC 7591 §2): the refusal when it is not https
 * or its host is, or resolves now to, an address obas does not connect to; undefined otherwise, including when the
 * name does not resolve (yet) or not in time, since every fetch checks again anyway.
 */
export type OutboundScreen = (url: string) => Promise<OutboundRefusal | undefined>;

/** The one way obas makes requests on a client's or directory's behalf (DESIGN.md: outbound requests are hostile territory). */
export interface OutboundClient {
  readonly fetchText: OutboundFetch;
  readonly postJson: OutboundPost;
  readonly screen: OutboundScreen;
}

/**
 * Builds the outbound client. Every request is https, resolves its host once, refuses loopback, private, link-local,
 * multicast and reserved addresses (and IPv6 forms of such IPv4 addresses) unless allow-listed, connects to the
 * checked addresses only, and is bounded in time and size. A failure of any kind (refused, unresolvable, connection
 * refused or reset, TLS, timeout, HTTP status, size) is reported only once `timeoutMs` has passed since the start, so
 * the time an answer takes says nothing about what listens where (no port-scan oracle).
 */
export function createOutboundClient(settings: OutboundSettings): OutboundClient {
  const policy = createAddressPolicy(settings.allow);
  const resolve = settings.resolve ?? systemResolver;
  const extra = settings.extraCaPems ?? [];
  const ca = extra.length === 0 ? undefined : [...rootCertificates, ...extra];
  const { timeoutMs, maxBytes } = settings;

  /** One request to `url` within `timeoutMs`, its failures reported only once `timeoutMs` has passed. */
  async function bounded(url: string, request: Pick<HttpsRequestOptions, 'method' | 'headers' | 'body'>): Promise<string> {
    const started = performance.now();
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const target = await untilAborted(resolveTarget(outboundUrl(url), policy, resolve), deadline);
      return await httpsRequest(target, { ...request, maxBytes, signal: deadline, ...(ca === undefined ? {} : { ca }) });
    } catch (error) {
      const failure =
        error instanceof OutboundError ? error : new OutboundError(deadline.aborted ? `no complete answer within ${timeoutMs} ms` : describe(error));
      await delay(started + timeoutMs - performance.now());
      throw failure;
    }
  }

  return {
    fetchText: (url, accept) => bounded(url, { method: 'GET', headers: { accept } }),
    async postJson(url, json, headers) {
      await bounded(url, { method: 'POST', headers, body: { contentType: 'application/json', text: JSON.stringify(json) } });
    },
    async screen(url) {
      try {
        await withTimeout(resolveTarget(outboundUrl(url), policy, resolve), timeoutMs, `resolving ${url}`);
        return undefined;
      } catch (error) {
        if (!(error instanceof OutboundError) || error.refusal === undefined) return undefined;
        return { refusal: error.refusal, detail: error.message };
      }
    },
  };
}

/** `work`, or a rejection as soon as `signal` aborts (a DNS lookup cannot be cancelled, only abandoned). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : String(error)].filter(Boolean).join(': ');
}
