import { isRecord } from '../shared/is-record.js';
import type { HttpExchange, HttpsTransport } from './https-transport.js';

/** An answer of the mutual-TLS listener, its body parsed as a JSON object (empty when it is not one). */
export interface ApiAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly exchange: HttpExchange;
}

/** The TPP's requests to the mutual-TLS listener, each over its certificate. */
export interface TppHttpClient {
  /** `application/x-www-form-urlencoded`, as the OAuth endpoints take (RFC 6749 §3.2). */
  postForm(path: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer>;
  /** `application/json`, with a bearer token when given (RFC 6750 §2.1). */
  postJson(path: string, body: unknown, bearer?: string): Promise<ApiAnswer>;
  /** `application/jose`: a signed request such as a UK OB DCR registration request. */
  postJose(path: string, jwt: string): Promise<ApiAnswer>;
}

/** The TPP's client for the mutual-TLS listener at `mtlsBaseUrl`, over a transport holding its certificate. */
export function createTppHttpClient(mtlsBaseUrl: string, transport: HttpsTransport): TppHttpClient {
  const post = async (path: string, contentType: string, body: string, extra: Record<string, string> = {}): Promise<ApiAnswer> => {
    const exchange = await transport.send({
      method: 'POST',
      url: `${mtlsBaseUrl}${path}`,
      headers: { 'content-type': contentType, accept: 'application/json', ...extra },
      body,
    });
    return { status: exchange.status, json: parseObject(exchange.responseBody), exchange };
  };
  return {
    postForm: (path, fields) => post(path, 'application/x-www-form-urlencoded', new URLSearchParams(fields).toString()),
    postJson: (path, body, bearer) =>
      post(path, 'application/json', JSON.stringify(body), bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    postJose: (path, jwt) => post(path, 'application/jose', jwt),
  };
}

/**
 * The body of an answer that has the expected status; otherwise an Error saying what came instead: the OAuth error
 * and its description (RFC 6749 §5.2), a UK OB error body's first code and message, or the start of the body.
 */
export function expectAnswer(answer: ApiAnswer, status: number): Record<string, unknown> {
  if (answer.status === status) return answer.json;
  throw new Error(`expected HTTP ${status}, got ${answer.status}: ${problemOf(answer)}`);
}

/** A one-line account of an error answer. */
export function problemOf(answer: ApiAnswer): string {
  const { json } = answer;
  if (typeof json['error'] === 'string') {
    return typeof json['error_description'] === 'string' ? `${json['error']} (${json['error_description']})` : json['error'];
  }
  const [first] = Array.isArray(json['Errors']) ? json['Errors'] : [];
  if (isRecord(first)) return `${String(first['ErrorCode'])} (${String(first['Message'])})`;
  return answer.exchange.responseBody.slice(0, 200) || 'an empty body';
}

/** A string member of an answer, or an Error naming the missing member. */
export function stringMember(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new Error(`the answer has no ${name}`);
  return value;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
