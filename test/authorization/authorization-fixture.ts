import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { assertionClaims, signAssertion } from '../support/assertions.js';
import { authorizeAsPsu, PsuHttpClient } from '../support/psu-http.js';
import { discover, fetchVia, postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificate } from '../../src/pki/tpp-certificate.js';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { createUkConsent } from '../support/uk-consent-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey, type TppCertificates } from '../support/tpp-fixtures.js';

/** The profiles and what a typical PSU authorization looks like in each. */
export const PROFILE_CASES = {
  'uk-ob': { scope: 'openid accounts payments fundsconfirmations', responseTypes: ['code id_token', 'code'], journeyScope: 'openid accounts' },
  fapi2: { scope: 'openid accounts payments', responseTypes: ['code'], journeyScope: 'openid accounts' },
  stet: { scope: 'openid aisp extended_transaction_history cbpii pisp', responseTypes: ['code'], journeyScope: 'aisp extended_transaction_history' },
} as const;

/** A profile name. */
export type ProfileCase = keyof typeof PROFILE_CASES;

/** A registered TPP of the fixture. */
export interface TppClient {
  readonly clientId: string;
  readonly redirectUri: string;
  /** The key its request objects (and, for `tpp-jwt`, client assertions) are signed with. */
  readonly key: ClientSigningKey;
  /** An undici agent presenting its transport certificate. */
  readonly agent: Agent;
  readonly certificateThumbprint: string;
}

/** A running obas with three TPPs: `a` and `b` (tls_client_auth) and `jwt` (private_key_jwt, over `a`'s certificate). */
export interface AuthorizationFixture {
  readonly server: TestObas;
  readonly profile: ProfileCase;
  readonly certs: TppCertificates;
  readonly a: TppClient;
  readonly b: TppClient;
  readonly jwt: TppClient;
  /** An agent without a client certificate. */
  readonly bare: Agent;
  /** An agent presenting the certificate of the configured resource server `rs-1`. */
  readonly resourceServer: Agent;
  readonly as: oauth.AuthorizationServer;
  readonly psu: PsuHttpClient;
  close(): Promise<void>;
}

/** Options of {@link startAuthorizationFixture}. */
export interface FixtureOptions {
  readonly profile: ProfileCase;
  /** Profile knob overrides. */
  readonly knobs?: Record<string, unknown>;
  readonly databaseUrl?: string;
  /** Extra top-level configuration keys. */
  readonly extra?: Record<string, unknown>;
  /** Collects every JSON log line (see `startTestObas`). */
  readonly logLines?: string[];
}

/** Starts obas for one test file with the standard TPPs registered. */
export async function startAuthorizationFixture(options: FixtureOptions): Promise<AuthorizationFixture> {
  const { dataDir, pki } = await prepareDataDir();
  const [certs, rsCert] = await Promise.all([
    issueTppCertificates(pki),
    issueTppCertificate(pki.ca, { organization: 'Example Bank plc', commonName: 'resource-server-1', keyType: 'ec' }),
  ]);
  const [keyA, keyB, keyJwt] = await Promise.all([clientSigningKey('PS256', 'a-1'), clientSigningKey('ES256', 'b-1'), clientSigningKey('PS256', 'j-1')]);
  const profileCase = PROFILE_CASES[options.profile];
  const common = {
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: profileCase.responseTypes,
    scope: profileCase.scope,
  };
  const server = await startTestObas({
    dataDir,
    profile: { name: options.profile, ...options.knobs },
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    ...(options.logLines === undefined ? {} : { logLines: options.logLines }),
    extra: { resourceServers: [{ id: 'rs-1', subjectDn: rsCert.subjectDn }], ...options.extra },
    clients: [
      { ...common, client_id: 'tpp-a', client_name: 'Alpha Budgeting', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.main.subjectDn, jwks: { keys: [keyA.publicJwk] }, redirect_uris: ['https://tpp-a.example/cb'] },
      { ...common, client_id: 'tpp-b', client_name: 'Beta Payments', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.other.subjectDn, jwks: { keys: [keyB.publicJwk] }, redirect_uris: ['https://tpp-b.example/cb'] },
      { ...common, client_id: 'tpp-jwt', client_name: 'Jay Wallet', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [keyJwt.publicJwk] }, redirect_uris: ['https://tpp-jwt.example/cb'] },
    ],
  });
  const agentA = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  const agentB = tppAgent({ certPem: certs.other.certPem, keyPem: certs.other.keyPem, caPem: pki.caCertPem });
  const bare = tppAgent({ caPem: pki.caCertPem });
  const resourceServer = tppAgent({ certPem: rsCert.certPem, keyPem: rsCert.keyPem, caPem: pki.caCertPem });
  const psu = new PsuHttpClient(server.issuer, pki.caCertPem);
  const tpp = (clientId: string, key: ClientSigningKey, agent: Agent, thumbprint: string): TppClient => ({
    clientId,
    redirectUri: `https://${clientId}.example/cb`,
    key,
    agent,
    certificateThumbprint: thumbprint,
  });
  return {
    server,
    profile: options.profile,
    certs,
    a: tpp('tpp-a', keyA, agentA, certs.main.thumbprintS256),
    b: tpp('tpp-b', keyB, agentB, certs.other.thumbprintS256),
    jwt: tpp('tpp-jwt', keyJwt, agentA, certs.main.thumbprintS256),
    bare,
    resourceServer,
    as: await discover(server.issuer, agentA),
    psu,
    async close() {
      await Promise.all([agentA.close(), agentB.close(), bare.close(), resourceServer.close(), psu.close()]);
      await server.close();
    },
  };
}

/** oauth4webapi client authentication for a fixture TPP. */
export function clientAuthOf(client: TppClient): oauth.ClientAuth {
  return client.clientId === 'tpp-jwt' ? oauth.PrivateKeyJwt({ key: client.key.privateKey, kid: client.key.kid }) : oauth.TlsClientAuth();
}

/** oauth4webapi options that send requests over the client's certificate (or another agent). */
export const over = (agent: Agent) => ({ [oauth.customFetch]: fetchVia(agent) });

/** A PKCE pair (RFC 7636). */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

/** The parameters of a valid authorization request of `client` under the fixture's profile, to alter per test. */
export function authorizationParameters(fixture: AuthorizationFixture, client: TppClient, challenge: string, intentId?: string): Record<string, unknown> {
  const profileCase = PROFILE_CASES[fixture.profile];
  return {
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: fixture.profile === 'uk-ob' ? 'code id_token' : 'code',
    scope: profileCase.journeyScope,
    state: `state-${randomUUID()}`,
    nonce: `nonce-${randomUUID()}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(intentId === undefined
      ? {}
      : { claims: { id_token: { openbanking_intent_id: { value: intentId, essential: true }, acr: { essential: true, values: ['urn:openbanking:psd2:sca'] } } } }),
  };
}

/** Signs `parameters` as a request object of `client` (RFC 9101) with valid JWT claims; `claims` overrides them. */
export function signRequestObject(
  fixture: AuthorizationFixture,
  client: TppClient,
  parameters: Record<string, unknown>,
  claims: JWTPayload = {},
  alg = client.key.publicJwk.alg ?? 'PS256',
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: client.clientId, aud: fixture.server.issuer, nbf: now - 5, iat: now, exp: now + 300, jti: randomUUID(), ...parameters, ...claims })
    .setProtectedHeader({ alg, kid: client.key.kid, typ: 'oauth-authz-req+jwt' })
    .sign(client.key.privateKey);
}

/** Form values of parameters (objects as JSON, undefined ones left out). */
export function formOf(parameters: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parameters)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}

/** The form fields that authenticate a fixture TPP: its client_id (mTLS), or a fresh client assertion. */
export async function clientAuthForm(fixture: AuthorizationFixture, client: TppClient): Promise<Record<string, string>> {
  if (client.clientId !== 'tpp-jwt') return { client_id: client.clientId };
  return {
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await signAssertion(client.key, assertionClaims(client.clientId, fixture.server.issuer)),
  };
}

/** Posts a form to an mTLS endpoint as `client` over `agent`; resolves the raw response. */
export async function postAs(fixture: AuthorizationFixture, path: string, client: TppClient, form: Record<string, string>, agent = client.agent) {
  const body = new URLSearchParams({ ...(await clientAuthForm(fixture, client)), ...form }).toString();
  return postForm(`${fixture.server.mtlsBaseUrl}${path}`, agent, body);
}

/** Pushes an authorization request (PAR) as `client`; resolves the raw response. */
export function pushRequest(fixture: AuthorizationFixture, client: TppClient, form: Record<string, string>, agent = client.agent) {
  return postAs(fixture, '/par', client, form, agent);
}

/** The authorization endpoint URL with these query parameters. */
export function authorizeUrl(fixture: AuthorizationFixture, query: Record<string, string>): string {
  return `${fixture.server.issuer}/authorize?${new URLSearchParams(query).toString()}`;
}

/**
 * The request a TPP sends in the fixture's profile: UK OB a request object by value; FAPI 2.0 a pushed request (plain
 * parameters); STET plain query parameters. Resolves the authorization URL.
 */
export async function profileAuthorizeUrl(fixture: AuthorizationFixture, client: TppClient, parameters: Record<string, unknown>): Promise<string> {
  if (fixture.profile === 'uk-ob') {
    return authorizeUrl(fixture, { client_id: client.clientId, request: await signRequestObject(fixture, client, parameters) });
  }
  if (fixture.profile === 'fapi2') {
    const pushed = await pushRequest(fixture, client, formOf(parameters));
    if (pushed.status !== 201) throw new Error(`PAR answered ${pushed.status}: ${JSON.stringify(pushed.json)}`);
    return authorizeUrl(fixture, { client_id: client.clientId, request_uri: String(pushed.json['request_uri']) });
  }
  return authorizeUrl(fixture, formOf(parameters));
}

/** A client_credentials access token of `client` for `scope`. */
export async function clientCredentialsToken(fixture: AuthorizationFixture, client: TppClient, scope: string): Promise<string> {
  const tppClient: oauth.Client = { client_id: client.clientId, use_mtls_endpoint_aliases: true };
  const response = await oauth.clientCredentialsGrantRequest(fixture.as, tppClient, clientAuthOf(client), new URLSearchParams({ scope }), over(client.agent));
  return (await oauth.processClientCredentialsResponse(fixture.as, tppClient, response)).access_token;
}

/**
 * Stages a UK consent through the standard resource (`POST /open-banking/{version}/…-consents`, signed, with an
 * idempotency key for payments) as `client`; resolves its ConsentId (the `openbanking_intent_id`).
 */
export async function createIntent(
  fixture: AuthorizationFixture,
  client: TppClient,
  body: unknown = ACCOUNT_ACCESS,
  resource: UkConsentResource = 'account-access-consents',
  version: 'v3.1' | 'v4.0' = 'v3.1',
): Promise<string> {
  const response = await createUkConsent(fixture, client, resource, version, body);
  const data = response.json?.['Data'] as Record<string, unknown> | undefined;
  if (response.status !== 201 || data === undefined) throw new Error(`POST ${resource} answered ${response.status}: ${response.text}`);
  return String(data['ConsentId']);
}

/** An account-access consent (UK OB `OBReadConsent1`) with the usual permissions. */
export const ACCOUNT_ACCESS = { Data: { Permissions: ['ReadAccountsBasic', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits'] }, Risk: {} };

/** A domestic payment consent (UK OB `OBWriteDomesticConsent4`) of £10.50 to "Corner Shop", without a debtor account. */
export const DOMESTIC_PAYMENT = {
  Data: {
    Initiation: {
      InstructionIdentification: 'instr-1',
      EndToEndIdentification: 'e2e-1',
      InstructedAmount: { Amount: '10.50', Currency: 'GBP' },
      CreditorAccount: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '40400422390112', Name: 'Corner Shop' },
      RemittanceInformation: { Reference: 'Invoice 42' },
    },
  },
  Risk: {},
};

/** The code in a redirect to the client (query or fragment, not JARM). */
export function responseParameters(location: string): URLSearchParams {
  const url = new URL(location);
  return url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
}

/** Exchanges a code at the token endpoint as `client` over `agent`; resolves the raw response. */
export function redeemCode(fixture: AuthorizationFixture, client: TppClient, code: string, verifier: string, agent = client.agent, extra: Record<string, string> = {}) {
  const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: client.redirectUri, ...extra };
  return postAs(fixture, '/token', client, form, agent);
}

/**
 * One complete PSU authorization in the fixture's profile (intent first in UK OB), through the HTTP PSU client.
 * Resolves the code, the PKCE verifier and the response parameters.
 */
export async function obtainCode(
  fixture: AuthorizationFixture,
  client: TppClient = fixture.a,
  alter: (parameters: Record<string, unknown>) => Record<string, unknown> = (parameters) => parameters,
): Promise<{ code: string; verifier: string; response: URLSearchParams; parameters: Record<string, unknown> }> {
  const { verifier, challenge } = await pkcePair();
  const intentId = fixture.profile === 'uk-ob' ? await createIntent(fixture, client, ACCOUNT_ACCESS) : undefined;
  const parameters = alter(authorizationParameters(fixture, client, challenge, intentId));
  fixture.psu.clearCookies();
  const location = await authorizeAsPsu(fixture.psu, await profileAuthorizeUrl(fixture, client, parameters));
  const response = responseParameters(location);
  const code = response.get('code');
  if (code === null) throw new Error(`no code in ${location}`);
  return { code, verifier, response, parameters };
}
