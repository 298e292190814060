import fc from 'fast-check';
import type { ServedRoute } from '../../src/app/obas-app.js';
import { UK_CONSENT_CASES, validUkConsentBody } from '../consent/uk-consent-bodies.js';
import { bodyArbitrary, fuzzText, headerName, headersArbitrary, headerText, jwtRecipeArbitrary, methodArbitrary, pathArbitrary, queryArbitrary, type JwtRecipe, type Late, type Recipe } from './fuzz-arbitraries.js';
import { entryMutations, jsonMutations, mutateEntries, mutateJson } from './fuzz-mutations.js';
import { percentEncode, type AgentName } from './fuzz-sender.js';

/** What a running uk-ob obas handed out before the fuzz: real values to put in (and around) requests. */
export interface FuzzMaterial {
  readonly routes: readonly ServedRoute[];
  readonly issuer: string;
  /** client_credentials access tokens of `tpp-a` by scope, and the PSU-authorised one. */
  readonly tokens: Readonly<Record<'accounts' | 'payments' | 'fundsconfirmations' | 'psu', string>>;
  /** Tokens the fuzz may revoke (the others stay usable). */
  readonly sacrificial: readonly string[];
  readonly refreshToken: string;
  readonly usedCode: string;
  readonly consentIds: readonly string[];
  /** A sandbox directory SSA naming `tpp-a`'s key. */
  readonly softwareStatement: string;
  /** The subject DN of `tpp-a`'s certificate (for a registration that names it). */
  readonly subjectDn: string;
  /** A PSU interaction in progress: its login page path, session cookie and CSRF token. */
  readonly interaction: { readonly path: string; readonly cookie: string; readonly csrf: string };
}

const PARAMETER_NAMES = [
  'grant_type', 'client_id', 'client_secret', 'client_assertion', 'client_assertion_type', 'scope', 'code', 'code_verifier', 'redirect_uri',
  'refresh_token', 'token', 'token_type_hint', 'request', 'request_uri', 'response_type', 'response_mode', 'state', 'nonce', 'code_challenge',
  'code_challenge_method', 'claims', 'prompt', 'max_age', 'ui_locales', 'acr_values', 'login_hint', 'csrf', 'username', 'password', 'otp',
  'decision', 'account', 'interaction', 'consent_id', 'lang', 'software_statement', 'audience', 'resource', 'dpop_jkt',
];
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const REDIRECT_URI = 'https://tpp-a.example/cb';

/** Every real value the fuzz may use in place of a random one. */
export function realValues(material: FuzzMaterial): string[] {
  return [
    'tpp-a', 'tpp-b', 'tpp-jwt', 'rs-1', REDIRECT_URI, material.issuer, JWT_BEARER, 'client_credentials', 'authorization_code', 'refresh_token',
    'openid accounts', 'accounts', 'payments', 'code id_token', 'alice', 'sandbox-alice', 'allow', 'deny', material.refreshToken, material.usedCode,
    ...Object.values(material.tokens), ...material.consentIds, material.softwareStatement, material.interaction.csrf,
  ];
}

/**
 * The recipes of the whole fuzz: half generic (any route's path bent, any method, query, headers and body), half
 * valid requests of the main endpoints with up to three of their fields changed.
 */
export function recipeArbitrary(material: FuzzMaterial): fc.Arbitrary<Recipe> {
  const real = realValues(material);
  const text = fuzzText(real);
  const names = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PARAMETER_NAMES) }, { weight: 1, arbitrary: text });
  const bearers = [...Object.values(material.tokens), ...material.sacrificial];
  const cookies = [material.interaction.cookie, `${material.interaction.cookie}; ${material.interaction.cookie}x`, '__Host-obas-interaction=', 'a=b; c'];
  const headers = headersArbitrary(real, bearers, cookies);
  const agent = (usual: AgentName) => fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom<AgentName>('tpp-a', 'tpp-b', 'bare', 'rs') });
  const ids = [...material.consentIds, 'tpp-a', 'tpp-jwt', 'rs-1'];

  const generic = fc.constantFrom(...material.routes).chain((route) =>
    fc.record({
      listener: fc.constant(route.listener),
      agent: agent(route.listener === 'mtls' ? 'tpp-a' : 'bare'),
      method: methodArbitrary(route.method),
      path: pathArbitrary(route.path, ids, real),
      query: queryArbitrary(real, PARAMETER_NAMES),
      headers,
      body: fc.option(bodyArbitrary(real, PARAMETER_NAMES), { nil: undefined, freq: 3 }),
    }),
  );

  /** A valid form request to an mTLS endpoint, then changed (form entries, extra headers, identity). */
  const form = (path: string, usual: AgentName, entries: fc.Arbitrary<(readonly [string, Late])[]>): fc.Arbitrary<Recipe> =>
    fc.record({ entries, mutations: entryMutations(names, text), extra: fc.option(headers, { nil: [], freq: 3 }), who: agent(usual) }).map(({ entries: valid, mutations, extra, who }) => ({
      listener: 'mtls' as const,
      agent: who,
      method: 'POST',
      path,
      query: '',
      headers: extra,
      body: { kind: 'form' as const, entries: mutateEntries(valid, mutations) },
    }));
  const signedBy = (signer: JwtRecipe['signer'], kid: string, claims: Record<string, unknown>, typ?: string): fc.Arbitrary<{ readonly jwt: JwtRecipe }> =>
    fc.record({ mutations: jsonMutations(fc.jsonValue({ maxDepth: 2 })), signer: fc.oneof({ weight: 9, arbitrary: fc.constant(signer) }, { weight: 1, arbitrary: jwtRecipeArbitrary(real).map((jwt) => jwt.signer) }) }).map(
      ({ mutations, signer: by }) => ({ jwt: { header: { kid, ...(typ === undefined ? {} : { typ }) }, claims: mutateJson(claims, mutations), signer: by } }),
    );
  const times = { iat: '$now', nbf: '$now-5', exp: '$now+120', jti: '$uuid' };
  const assertion = signedBy('tpp-jwt', 'j-1', { iss: 'tpp-jwt', sub: 'tpp-jwt', aud: material.issuer, ...times });
  const requestObject = signedBy('tpp-a', 'a-1', {
    iss: 'tpp-a', aud: material.issuer, ...times, client_id: 'tpp-a', redirect_uri: REDIRECT_URI, response_type: 'code id_token', scope: 'openid accounts',
    state: 'fuzz', nonce: '$uuid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    claims: { id_token: { openbanking_intent_id: { value: material.consentIds[0], essential: true }, acr: { essential: true, values: ['urn:openbanking:psd2:sca'] } } },
  }, 'oauth-authz-req+jwt');
  const registration = signedBy('tpp-a', 'a-1', {
    iss: 'software-42', aud: material.issuer, ...times, software_statement: material.softwareStatement, token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: material.subjectDn, grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], response_types: ['code id_token'],
    redirect_uris: ['https://tpp.example/cb'], scope: 'openid accounts', id_token_signed_response_alg: 'PS256', request_object_signing_alg: 'PS256', application_type: 'web',
  });
  const pairs = (...entries: (readonly [string, fc.Arbitrary<Late> | Late])[]) =>
    fc.tuple(...entries.map(([name, value]) => (value instanceof fc.Arbitrary ? value : fc.constant(value)).map((late) => [name, late] as const)));
  const token = fc.oneof(fc.constantFrom(...bearers, material.refreshToken), text);

  const templates: fc.Arbitrary<Recipe>[] = [
    form('/token', 'tpp-a', pairs(['grant_type', 'client_credentials'], ['client_id', 'tpp-a'], ['scope', fc.constantFrom('accounts', 'payments', 'fundsconfirmations', 'openid')])),
    form('/token', 'tpp-a', pairs(['grant_type', 'client_credentials'], ['client_assertion_type', JWT_BEARER], ['client_assertion', assertion], ['scope', 'accounts'])),
    form('/token', 'tpp-a', pairs(['grant_type', 'authorization_code'], ['client_id', 'tpp-a'], ['code', fc.oneof(fc.constant(material.usedCode), text)], ['code_verifier', text], ['redirect_uri', REDIRECT_URI])),
    form('/token', 'tpp-a', pairs(['grant_type', 'refresh_token'], ['client_id', 'tpp-a'], ['refresh_token', material.refreshToken], ['scope', fc.constantFrom('accounts', 'openid accounts', 'payments')])),
    form('/par', 'tpp-a', pairs(['client_id', 'tpp-a'], ['request', requestObject])),
    form('/introspect', 'tpp-a', pairs(['client_id', 'tpp-a'], ['token', token], ['token_type_hint', fc.constantFrom('access_token', 'refresh_token', 'x')])),
    form('/introspect', 'rs', pairs(['token', token])),
    form('/revoke', 'tpp-a', pairs(['client_id', 'tpp-a'], ['token', fc.oneof(fc.constantFrom(...material.sacrificial), text)])),
    fc.record({ request: requestObject, extra: fc.option(headers, { nil: [], freq: 3 }), more: fc.array(fc.tuple(names, text), { maxLength: 2 }) }).map(({ request, extra, more }) => ({
      listener: 'front-channel' as const,
      agent: 'bare' as const,
      method: 'GET',
      path: '/authorize',
      query: [['client_id', 'tpp-a'] as const, ['response_type', 'code id_token'] as const, ['request', request] as const, ...more],
      headers: extra,
    })),
    fc.record({ request: registration, type: fc.constantFrom('application/jose', 'application/jwt', 'application/json'), extra: fc.option(headers, { nil: [], freq: 3 }), who: agent('tpp-a') }).map(({ request, type, extra, who }) => ({
      listener: 'mtls' as const,
      agent: who,
      method: 'POST',
      path: '/register',
      query: '',
      headers: [['content-type', type] as const, ...extra],
      body: { kind: 'jwt' as const, jwt: request.jwt },
    })),
    consentCreation(material, text, headerText(real), headers),
    fc.record({
      cookie: fc.oneof({ weight: 4, arbitrary: fc.constant(material.interaction.cookie) }, { weight: 1, arbitrary: text.map((value) => `__Host-obas-interaction=${percentEncode(value)}`) }),
      path: fc.constantFrom(material.interaction.path, material.interaction.path.replace('/login', '/sca'), material.interaction.path.replace('/login', '/consent')),
      method: fc.constantFrom('GET', 'POST'),
      entries: fc.constant([['csrf', material.interaction.csrf], ['username', 'alice'], ['password', 'nope'], ['otp', '123456'], ['decision', 'deny']] as const),
      mutations: entryMutations(names, text),
    }).map(({ cookie, path, method, entries, mutations }) => ({
      listener: 'front-channel' as const,
      agent: 'bare' as const,
      method,
      path: path.split('?')[0] ?? path,
      query: path.split('?')[1] ?? '',
      headers: [['cookie', cookie] as const, ['origin', new URL(material.issuer).origin] as const],
      ...(method === 'POST' ? { body: { kind: 'form' as const, entries: mutateEntries(entries, mutations) } } : {}),
    })),
  ];
  return fc.oneof({ weight: templates.length, arbitrary: generic }, ...templates.map((arbitrary) => ({ weight: 1, arbitrary })));
}

/** A UK OB consent POST of any resource and release: valid body, token, signature and idempotency key, then changed. */
function consentCreation(material: FuzzMaterial, text: fc.Arbitrary<string>, headerValue: fc.Arbitrary<string>, headers: fc.Arbitrary<(readonly [string, Late])[]>): fc.Arbitrary<Recipe> {
  const scopeOf = (resource: string) => (resource.includes('payment') || resource.includes('standing') ? 'payments' : resource.startsWith('funds') ? 'fundsconfirmations' : 'accounts');
  const groupOf = (resource: string) => ({ accounts: 'aisp', payments: 'pisp', fundsconfirmations: 'cbpii' })[scopeOf(resource)];
  return fc
    .record({
      kase: fc.constantFrom(...UK_CONSENT_CASES),
      body: jsonMutations(fc.oneof(fc.jsonValue({ maxDepth: 2 }), text)),
      headerMutations: entryMutations(headerName, headerValue),
      extra: fc.option(headers, { nil: [], freq: 4 }),
    })
    .map(({ kase: [resource, version], body, headerMutations, extra }) => ({
      listener: 'mtls' as const,
      agent: 'tpp-a' as const,
      method: 'POST',
      path: `/open-banking/${version}/${groupOf(resource)}/${resource}`,
      query: '',
      headers: [
        ...mutateEntries(
          [
            ['authorization', `Bearer ${material.tokens[scopeOf(resource)]}`],
            ['x-jws-signature', { detachedSignature: true }],
            ['x-idempotency-key', '$uuid'],
            ['x-fapi-interaction-id', '$uuid'],
          ],
          headerMutations,
        ),
        ...extra,
      ],
      body: { kind: 'json' as const, value: mutateJson(validUkConsentBody(resource, version, new Date()), body) },
    }));
}
