import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { SignJWT, type JWTPayload } from 'jose';
import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { freePort } from '../support/free-port.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { csrfOf, oneTimeCodeOf, PsuHttpClient, type PageExchange } from '../support/psu-http.js';
import { discover, fetchVia, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey } from '../support/tpp-fixtures.js';

export const CIBA = 'urn:openid:params:grant-type:ciba';

/** A CIBA client of the fixture. */
export interface CibaTpp {
  readonly clientId: string;
  readonly key: ClientSigningKey;
  readonly agent: Agent;
  readonly auth: oauth.ClientAuth;
  readonly client: oauth.Client;
}

/** One ping the local notification endpoint received. */
export interface ReceivedPing {
  readonly authorization: string | undefined;
  readonly body: string;
}

/** obas (fapi2 unless told) with CIBA clients: `poll` (tls_client_auth, also client_credentials), `ping` (to a local https endpoint), `deadPing` (to a closed port), `plain` (no CIBA grant). */
export interface CibaFixture {
  readonly server: TestObas;
  /** The scope the CIBA clients registered, and signed requests ask for by default. */
  readonly scope: string;
  readonly as: oauth.AuthorizationServer;
  readonly poll: CibaTpp;
  readonly ping: CibaTpp;
  readonly deadPing: CibaTpp;
  readonly plain: CibaTpp;
  readonly pings: ReceivedPing[];
  /** obas's JSON log lines. */
  readonly logLines: string[];
  readonly psu: PsuHttpClient;
  close(): Promise<void>;
}

/** The scope of the CIBA clients per profile (STET names its own scopes). */
const CIBA_SCOPES = { fapi2: 'openid accounts', 'uk-ob': 'openid accounts', stet: 'openid aisp' } as const;

/** Starts the fixture in `profile`. */
export async function startCibaFixture(profile: keyof typeof CIBA_SCOPES = 'fapi2'): Promise<CibaFixture> {
  const { dataDir, pki } = await prepareDataDir();
  const certs = await issueTppCertificates(pki);
  const [keyPoll, keyPing, keyDead, keyPlain] = await Promise.all([
    clientSigningKey('PS256', 'poll-1'),
    clientSigningKey('ES256', 'ping-1'),
    clientSigningKey('PS256', 'dead-1'),
    clientSigningKey('PS256', 'plain-1'),
  ]);
  const pings: ReceivedPing[] = [];
  const notifications: Server = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      pings.push({ authorization: request.headers.authorization, body });
      response.writeHead(204).end();
    });
  });
  const [pingPort, deadPort] = [await freePort(), await freePort()];
  await new Promise<void>((resolve) => notifications.listen(pingPort, '127.0.0.1', resolve));
  const scope = CIBA_SCOPES[profile];
  const ciba = { grant_types: [CIBA, 'refresh_token'], scope };
  const logLines: string[] = [];
  const server = await startTestObas({
    dataDir,
    logLines,
    profile: { name: profile },
    extra: { outbound: { allow: ['127.0.0.0/8'], timeoutMs: 1000 } },
    clients: [
      { ...ciba, grant_types: [...ciba.grant_types, 'client_credentials'], client_id: 'tpp-poll', client_name: 'Polly Budget', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.main.subjectDn, jwks: { keys: [keyPoll.publicJwk] }, backchannel_token_delivery_mode: 'poll', backchannel_authentication_request_signing_alg: 'PS256' },
      { ...ciba, client_id: 'tpp-ping', client_name: 'Pingo Pay', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.other.subjectDn, jwks: { keys: [keyPing.publicJwk] }, backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: `https://127.0.0.1:${pingPort}/ciba-ping` },
      { ...ciba, client_id: 'tpp-dead', client_name: 'Dead Ping', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [keyDead.publicJwk] }, backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: `https://127.0.0.1:${deadPort}/ciba-ping` },
      { grant_types: ['client_credentials'], scope: 'accounts', client_id: 'tpp-plain', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [keyPlain.publicJwk] } },
    ],
  });
  const agentMain = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  const agentOther = tppAgent({ certPem: certs.other.certPem, keyPem: certs.other.keyPem, caPem: pki.caCertPem });
  const tpp = (clientId: string, key: ClientSigningKey, agent: Agent, auth: oauth.ClientAuth): CibaTpp => ({
    clientId,
    key,
    agent,
    auth,
    client: { client_id: clientId, id_token_signed_response_alg: 'PS256' },
  });
  const psu = new PsuHttpClient(server.issuer, pki.caCertPem);
  return {
    server,
    scope,
    as: await discover(server.issuer, agentMain),
    poll: tpp('tpp-poll', keyPoll, agentMain, oauth.TlsClientAuth()),
    ping: tpp('tpp-ping', keyPing, agentOther, oauth.TlsClientAuth()),
    deadPing: tpp('tpp-dead', keyDead, agentMain, oauth.PrivateKeyJwt({ key: keyDead.privateKey, kid: keyDead.kid })),
    plain: tpp('tpp-plain', keyPlain, agentMain, oauth.PrivateKeyJwt({ key: keyPlain.privateKey, kid: keyPlain.kid })),
    pings,
    logLines,
    psu,
    async close() {
      await Promise.all([agentMain.close(), agentOther.close(), psu.close()]);
      await new Promise((resolve) => notifications.close(resolve));
      await server.close();
    },
  };
}

/** A signed authentication request of `tpp` (FAPI-CIBA) with valid claims; `claims` overrides them (undefined removes one). */
export function signedRequest(fixture: CibaFixture, tpp: CibaTpp, claims: Record<string, unknown> = {}, alg = tpp.key.publicJwk.alg ?? 'PS256'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: tpp.clientId,
    aud: fixture.server.issuer,
    nbf: now - 5,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    scope: fixture.scope,
    login_hint: 'alice',
    binding_message: `W-${randomUUID().slice(0, 4)}`,
    ...(tpp.clientId === 'tpp-poll' ? {} : { client_notification_token: `cnt-${randomUUID()}` }),
    ...claims,
  };
  const defined = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
  return new SignJWT(defined).setProtectedHeader({ alg, kid: tpp.key.kid }).sign(tpp.key.privateKey);
}

/** Sends a backchannel authentication request with oauth4webapi; resolves the raw response. */
export function startRequest(fixture: CibaFixture, tpp: CibaTpp, request: string | undefined, extra: Record<string, string> = {}): Promise<Response> {
  const parameters = { ...(request === undefined ? {} : { request }), ...extra };
  return oauth.backchannelAuthenticationRequest(fixture.as, tpp.client, tpp.auth, parameters, { [oauth.customFetch]: fetchVia(tpp.agent) });
}

/** Polls the token endpoint once with the CIBA grant; resolves the raw response. */
export function pollToken(fixture: CibaFixture, tpp: CibaTpp, authReqId: string): Promise<Response> {
  return oauth.backchannelAuthenticationGrantRequest(fixture.as, tpp.client, tpp.auth, authReqId, { [oauth.customFetch]: fetchVia(tpp.agent) });
}

/** Signs `username` in on the bank app over HTTP (the dashboard's login and one-time code); resolves the bank app page. */
export async function signInToBankApp(client: PsuHttpClient, username: string, prefix = ''): Promise<PageExchange> {
  client.clearCookies();
  await client.get(`${prefix}/consents`);
  const login = await client.get(`${prefix}/consents/login`);
  await client.post(`${prefix}/consents/login`, { csrf: csrfOf(login), username, password: `sandbox-${username}` });
  const sca = await client.get(`${prefix}/consents/sca`);
  await client.post(`${prefix}/consents/sca`, { csrf: csrfOf(sca), otp: oneTimeCodeOf(sca) });
  return client.get(`${prefix}/bank-app`);
}

/** The request hash of the bank app entry showing `bindingMessage`. */
export function requestWithMessage(page: PageExchange, bindingMessage: string): string {
  const at = page.body.indexOf(`>${bindingMessage}<`);
  if (at === -1) throw new Error(`no pending request with binding message ${bindingMessage}`);
  const section = page.body.lastIndexOf('data-request="', at);
  return /data-request="([^"]+)"/.exec(page.body.slice(section))?.[1] ?? '';
}

/** The PSU decides on the bank app; resolves the redirect. */
export async function decide(client: PsuHttpClient, page: PageExchange, bindingMessage: string, decision: 'approve' | 'deny', prefix = ''): Promise<PageExchange> {
  return client.post(`${prefix}/bank-app`, { csrf: csrfOf(page), request: requestWithMessage(page, bindingMessage), decision });
}
