import fc from 'fast-check';
import { percentEncode, type AgentName } from './fuzz-sender.js';

/** A JWT the fuzz signs when it sends the request (so that time claims and `jti`s are fresh). */
export interface JwtRecipe {
  readonly header: Record<string, unknown>;
  readonly claims: unknown;
  /** Whose key signs it; `unsigned` sends `alg: none` style JSON parts, `garbage` a random signature. */
  readonly signer: 'tpp-a' | 'tpp-jwt' | 'tpp-b' | 'unsigned' | 'garbage';
}

/** A value resolved when the request is sent: text, a JWT, or the UK OB detached signature of the final body. */
export type Late = string | { readonly jwt: JwtRecipe } | { readonly detachedSignature: true };

/** A request body before it is sent. */
export type BodyRecipe =
  | { readonly kind: 'form'; readonly entries: readonly (readonly [string, Late])[] }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'jwt'; readonly jwt: JwtRecipe }
  | { readonly kind: 'oversize'; readonly bytes: number; readonly fill: string };

/** One fuzz request before it is sent (pure data, so fast-check can shrink it). */
export interface Recipe {
  readonly listener: 'front-channel' | 'mtls';
  readonly agent: AgentName;
  readonly method: string;
  readonly path: string;
  /** Raw query text, or pairs encoded when sent (their values may be late). */
  readonly query: string | readonly (readonly [string, Late])[];
  readonly headers: readonly (readonly [string, Late])[];
  readonly body?: BodyRecipe | undefined;
}

/** Strings that have broken parsers before. */
const SPECIALS = [
  '', ' ', '\u0000', '%00', '%', '%zz', '%ff%fe', '\u202e\u0007', '\r\n', '\ud800', '..', '../../etc/passwd', "' OR 1=1 --", '"; DROP TABLE clients; --',
  '{{7*7}}', '${jndi:ldap://x}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', 'true',
  '-1', '0', '1e309', '9007199254740993', '-0', '[]', '{}', '{"a":1}', 'eyJhbGciOiJub25lIn0.e30.', 'a.b.c', '....', 'a..b', 'https://evil.example/cb',
  'http://127.0.0.1/', 'javascript:alert(1)', 'data:text/html,x', '🙂', 'é', 'ﬀ', 'İ', '\uFEFF', 'S256', 'plain', 'none', 'openid', 'accounts payments',
];

/** Characters a header value may carry on the wire (RFC 9110 §5.5: VCHAR, SP, HTAB, obs-text). */
const headerCharacter = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.constantFrom(0x09, 0x80, 0xa0, 0xe9, 0xff) },
).map((code) => String.fromCharCode(code));

/** Text for form values, query values, path segments and JSON strings: short, weird, huge or real. */
export function fuzzText(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) },
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '%', 'é', '\u0000', '{', '.'), fc.integer({ min: 300, max: 20_000 })).map(([unit, count]) => unit.repeat(count)) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  );
}

/** A header value (only what HTTP can carry), sometimes huge, sometimes a real one. */
export function headerText(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.string({ unit: headerCharacter, maxLength: 60 }) },
    { weight: 6, arbitrary: fc.constantFrom(...real.filter((value) => !/[^\t\x20-\x7e\x80-\xff]/.test(value))) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((count) => 'x'.repeat(count)) },
  );
}

export const CONTENT_TYPES = [
  'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/x-www-form-urlencoded;charset=latin1',
  'application/json', 'application/json; charset=utf-8', 'application/jwk-set+json', 'application/jwt', 'application/jose', 'application/jose+json',
  'text/plain', 'text/html', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/xml', '*/*', 'application/', ';', ',',
  'APPLICATION/JSON', 'application/json, application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; boundary=', 'x/y; a="b',
];

const HEADER_NAMES = [
  'content-type', 'authorization', 'x-jws-signature', 'cookie', 'x-idempotency-key', 'x-fapi-interaction-id', 'x-fapi-auth-date',
  'x-fapi-customer-ip-address', 'x-customer-user-agent', 'accept', 'accept-language', 'accept-encoding', 'origin', 'referer', 'x-forwarded-for',
  'x-forwarded-proto', 'client-cert', 'client-cert-chain', 'user-agent', 'dpop', 'if-none-match', 'range', 'sec-fetch-site',
];

/** A header name: a well-known one or a made-up `x-` one. */
export const headerName: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.stringMatching(/^x-[a-z0-9-]{1,24}$/));

/** Arbitrary headers: well-known names with weird values, values that mean something here, and made-up names. */
export function headersArbitrary(real: readonly string[], bearerTokens: readonly string[], cookies: readonly string[]): fc.Arbitrary<(readonly [string, Late])[]> {
  const text = headerText(real);
  const header: fc.Arbitrary<readonly [string, Late]> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...HEADER_NAMES), text) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('content-type'), fc.constantFrom(...CONTENT_TYPES)) },
    {
      weight: 2,
      arbitrary: fc.tuple(
        fc.constant('authorization'),
        fc.oneof(
          fc.constantFrom(...bearerTokens).map((token) => `Bearer ${token}`),
          text.map((value) => `Bearer ${value}`),
          fc.tuple(text, text).map(([user, password]) => `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`),
          fc.constantFrom('Bearer', 'Bearer ', 'Basic', 'Basic !!!', 'DPoP abc', 'bearer x y', 'Negotiate x'),
        ),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constant('x-jws-signature'), fc.oneof(text, fc.constant<Late>({ detachedSignature: true }))) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('cookie'), fc.oneof(fc.constantFrom(...cookies), text)) },
    { weight: 1, arbitrary: fc.tuple(headerName, text) },
  );
  return fc.array(header, { maxLength: 5 });
}

/** A junk or half-plausible JWT. */
export function jwtRecipeArbitrary(real: readonly string[]): fc.Arbitrary<JwtRecipe> {
  return fc.record({
    header: fc.oneof(fc.constant({ alg: 'PS256' }), fc.dictionary(fc.constantFrom('alg', 'kid', 'typ', 'crit', 'b64', 'jku', 'x5u'), fc.jsonValue({ maxDepth: 1 }))),
    claims: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'client_id', 'scope'), fuzzText(real))),
    signer: fc.constantFrom('tpp-a', 'tpp-jwt', 'tpp-b', 'unsigned', 'garbage'),
  });
}

/** A JSON value nested `depth` levels deep (the parser refuses more than 16). */
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: [nested(depth - 1)] });

/** A body of any kind: form, JSON (deep, prototype keys), JOSE, binary, text or oversize. */
export function bodyArbitrary(real: readonly string[], names: readonly string[]): fc.Arbitrary<BodyRecipe> {
  const text = fuzzText(real);
  const name = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text });
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(name, text), { maxLength: 8 }).map((entries) => ({ kind: 'form' as const, entries })) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(nested(15), nested(40), JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'), []).map((value) => ({ kind: 'json' as const, value })),
    },
    { weight: 2, arbitrary: jwtRecipeArbitrary(real).map((jwt) => ({ kind: 'jwt' as const, jwt })) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    { weight: 2, arbitrary: text.map((value) => ({ kind: 'text' as const, text: value })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('oversize' as const), bytes: fc.integer({ min: 16 * 1024, max: 64 * 1024 }), fill: fc.constantFrom('a', '=', '&', '{', '%') }) },
  );
}

/** A query string: none, parameters (known names or not), or raw odd text. */
export function queryArbitrary(real: readonly string[], names: readonly string[]): fc.Arbitrary<string> {
  const text = fuzzText(real);
  const name = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.array(fc.tuple(name, text), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs.map(([key, value]) => [key, value] as [string, string])).toString()) },
    { weight: 1, arbitrary: fc.constantFrom('%', 'a=%zz', '&&&', '=', 'a[b]=c&a[c]=d', 'a=1&a=2&a=3', '?', '#x', 'request=a.b.c&request=x', 'ui_locales=xx-XX') },
    { weight: 1, arbitrary: fc.string({ unit: headerCharacter, maxLength: 80 }) },
  );
}

/** An HTTP method: mostly the route's, else any other, including ones no route serves. */
export function methodArbitrary(usual: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(usual) },
    { weight: 3, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
    { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'get', 'M-SEARCH', 'PURGE', 'LINK') },
  );
}

/** How a real path is bent: trailing slash, doubled slashes, case, extra or missing segments, dot segments, encodings. */
const PATH_BENDS: readonly ((path: string, junk: string) => string)[] = [
  (path) => path,
  (path) => `${path}/`,
  (path) => path.replace(/\//g, '//'),
  (path) => path.toUpperCase(),
  (path, junk) => `${path}/${percentEncode(junk, 'unreserved')}`,
  (path) => path.split('/').slice(0, -1).join('/') || '/',
  (path) => `/a/..${path}`,
  (path) => path.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`),
  (path) => `/fr${path}`,
  (path) => `${path}%00`,
  (path) => `${path};jsessionid=1`,
  (path, junk) => `${path}${junk}`,
];

/** A path near a real route's: its `:params` filled with real ids or junk, then maybe bent. */
export function pathArbitrary(routePath: string, ids: readonly string[], real: readonly string[]): fc.Arbitrary<string> {
  const text = fuzzText(real);
  const params = routePath.match(/:[A-Za-z]+/g) ?? [];
  const fill = fc.array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: text }), { minLength: params.length, maxLength: params.length });
  return fc.tuple(fill, fc.nat({ max: PATH_BENDS.length - 1 }), text, fc.nat({ max: 3 })).map(([values, bend, junk, straight]) => {
    let index = 0;
    const filled = routePath.replace(/:[A-Za-z]+/g, () => percentEncode(values[index++] ?? '', 'unreserved'));
    const bendPath = PATH_BENDS[bend] ?? ((path: string) => path);
    return straight > 0 ? filled : bendPath(filled, junk);
  });
}
