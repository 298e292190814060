import { isRecord } from '../shared/is-record.js';
import type { HttpExchange } from './https-transport.js';

/** What every secret becomes in the verbose transcript. */
export const REDACTED = '«redacted»';

/**
 * Parameters and JSON members whose values are secrets: tokens (RFC 6749 §5.1, RFC 7592 §3), authorization codes,
 * PKCE verifiers, client secrets and assertions (RFC 7523), request objects and JARM responses, the PSU's password,
 * one-time code and CSRF token.
 */
const SECRET_NAMES: ReadonlySet<string> = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'token',
  'registration_access_token',
  'client_secret',
  'client_assertion',
  'password',
  'otp',
  'csrf',
  'request',
  'response',
]);

/** Shorter values are not secrets worth the risk of redacting unrelated text (the one-time code has six digits). */
const MIN_SECRET_LENGTH = 6;

/**
 * Learns the secrets an exchange carries — secret parameters of URLs, forms and JSON bodies, credentials of the
 * `authorization`, `cookie` and `set-cookie` headers, whole `application/jose` bodies (signed assertions) — and
 * replaces every secret it has learnt so far, wherever it appears, with {@link REDACTED}.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  /** A secret the demo knows before it travels (the PSU's password, the one-time code read from a page). */
  remember(value: string): void {
    if (value.length >= MIN_SECRET_LENGTH) this.#secrets.add(value);
  }

  /** The exchange with every secret replaced, after learning the ones it carries. */
  redact(exchange: HttpExchange): HttpExchange {
    this.#learn(exchange);
    const headers = (record: HttpExchange['responseHeaders']) =>
      Object.fromEntries(
        Object.entries(record).map(([name, value]) => [name, typeof value === 'string' ? this.#redactText(value) : value.map((item) => this.#redactText(item))]),
      );
    return {
      ...exchange,
      url: this.#redactText(exchange.url),
      requestHeaders: headers(exchange.requestHeaders) as Record<string, string>,
      requestBody: this.#redactText(exchange.requestBody),
      responseHeaders: headers(exchange.responseHeaders),
      responseBody: this.#redactText(exchange.responseBody),
    };
  }

  /** `text` with every known secret replaced, as is or URL-encoded, longest first so that no part of one survives. */
  #redactText(text: string): string {
    let redacted = text;
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      for (const spelling of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
        redacted = redacted.split(spelling).join(REDACTED);
      }
    }
    return redacted;
  }

  #learn(exchange: HttpExchange): void {
    this.#learnParameters(new URL(exchange.url).searchParams);
    const location = exchange.responseHeaders['location'];
    if (typeof location === 'string') {
      const target = new URL(location, exchange.url);
      this.#learnParameters(target.searchParams);
      this.#learnParameters(new URLSearchParams(target.hash.slice(1)));
    }
    const contentType = exchange.requestHeaders['content-type'] ?? '';
    if (contentType.startsWith('application/x-www-form-urlencoded')) this.#learnParameters(new URLSearchParams(exchange.requestBody));
    if (contentType.startsWith('application/jose')) this.remember(exchange.requestBody.trim());
    this.#learnJson(exchange.requestBody);
    this.#learnJson(exchange.responseBody);
    const credentials = /^\s*\S+\s+(\S+)/.exec(exchange.requestHeaders['authorization'] ?? '')?.[1];
    if (credentials !== undefined) this.remember(credentials);
    this.#learnCookies((exchange.requestHeaders['cookie'] ?? '').split(';'));
    const setCookie = exchange.responseHeaders['set-cookie'] ?? [];
    this.#learnCookies((typeof setCookie === 'string' ? [setCookie] : setCookie).map((line) => line.split(';')[0] ?? ''));
  }

  #learnParameters(parameters: URLSearchParams): void {
    for (const [name, value] of parameters) if (SECRET_NAMES.has(name)) this.remember(value);
  }

  #learnJson(text: string): void {
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isRecord(value)) {
        for (const [name, member] of Object.entries(value)) {
          if (SECRET_NAMES.has(name) && typeof member === 'string') this.remember(member);
          else visit(member);
        }
      }
    };
    try {
      visit(JSON.parse(text));
    } catch {
      // not JSON: nothing to learn from its members
    }
  }

  #learnCookies(pairs: readonly string[]): void {
    for (const pair of pairs) {
      const separator = pair.indexOf('=');
      if (separator > 0) this.remember(pair.slice(separator + 1).trim());
    }
  }
}
