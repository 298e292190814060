import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { expectError, issueRegistrationCertificates, registerJson, RegistrationTestBed, sandboxSsa, ssaClaims } from './registration-fixtures.js';
import type { RegistrationCertificates } from './registration-fixtures.js';

const PRIVATE_KEY_JWT = { token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'], scope: 'accounts' };
const FETCH_TIMEOUT_MS = 1000;

const listen = (server: Server, host = '127.0.0.1') => new Promise<number>((done) => server.listen(0, host, () => done((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise((done) => server.close(done));
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('outbound requests: registration and client authentication', () => {
  const bed = new RegistrationTestBed(async () => undefined);
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let dataDir: string;
  let caPem: string;
  let certs: RegistrationCertificates;
  let clientKey: ClientSigningKey;
  let keyPort: number;
  let keyServerConnections = 0;
  /** Nothing allowed beyond public addresses. */
  let strict: TestObas;
  /** 127.0.0.1 allowed, 1 s fetch timeout. */
  let allowing: TestObas;
  let restarted: TestObas | undefined;
  const restartedLog: string[] = [];

  const agent = () => bed.agent(caPem, certs.tpp);
  const register = (server: TestObas, metadata: Record<string, unknown>) => registerJson(server.mtlsBaseUrl, agent(), { ...PRIVATE_KEY_JWT, ...metadata });
  const token = async (server: TestObas, clientId: string) =>
    postForm(`${server.mtlsBaseUrl}/token`, agent(), assertionForm(await signAssertion(clientKey, assertionClaims(clientId, server.issuer))));

  beforeAll(async () => {
    const prepared = await prepareDataDir();
    dataDir = prepared.dataDir;
    caPem = prepared.pki.caCertPem;
    certs = await issueRegistrationCertificates(prepared.pki);
    clientKey = await clientSigningKey('PS256', 'client-1');
    const keyServer = createHttpsServer({ key: prepared.pki.serverKeyPem, cert: prepared.pki.serverCertPem }, (request, response) => {
      if (request.url === '/client.jwks') response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: [clientKey.publicJwk] }));
      else response.writeHead(404).end();
    });
    keyServer.on('connection', () => (keyServerConnections += 1));
    servers.push(keyServer);
    keyPort = await listen(keyServer);
    strict = await bed.start(dataDir, 'strict', 'fapi2', { outbound: { allow: [] } });
    allowing = await bed.start(dataDir, 'allowing', 'fapi2', { outbound: { allow: ['127.0.0.1'], timeoutMs: FETCH_TIMEOUT_MS } });
  });

  afterAll(async () => {
    await restarted?.close();
    await bed.close();
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map(closeServer));
  });

  it('refuses at registration a jwks_uri on a loopback, link-local or private address, however it is spelt, without connecting', async () => {
    const before = keyServerConnections;
    const cases: readonly (readonly [string, string])[] = [
      [`https://127.0.0.1:${keyPort}/client.jwks`, 'loopback'],
      [`https://[::1]:${keyPort}/client.jwks`, 'loopback'],
      ['https://169.254.169.254/latest/meta-data', 'link-local'],
      ['https://10.0.0.1/jwks', 'private, RFC 1918'],
      [`https://[::ffff:127.0.0.1]:${keyPort}/client.jwks`, 'loopback, in an IPv6 form'],
      [`https://0x7f.1:${keyPort}/client.jwks`, 'loopback'],
      [`https://2130706433:${keyPort}/client.jwks`, 'loopback'],
    ];
    for (const [uri, kind] of cases) {
      const response = await register(strict, { jwks_uri: uri });
      expectError(response, 400, 'invalid_client_metadata', new RegExp(`^jwks_uri ${escaped(uri)} names a non-public address \\(${escaped(kind)}\\), which obas does not connect to$`));
    }
    expect(keyServerConnections).toBe(before);
  });

  it('refuses at registration a jwks_uri whose host name resolves to loopback', async () => {
    const response = await register(strict, { jwks_uri: `https://localhost:${keyPort}/client.jwks` });
    expectError(response, 400, 'invalid_client_metadata', /names a host that resolves to a non-public address \(loopback\), which obas does not connect to/);
  });

  it('refuses at registration a software statement whose software_jwks_endpoint is on a link-local address', async () => {
    const statement = await sandboxSsa(dataDir, ssaClaims(clientKey, { software_jwks: undefined, software_jwks_endpoint: 'https://169.254.169.254/keys' }));
    const response = await registerJson(strict.mtlsBaseUrl, agent(), { ...PRIVATE_KEY_JWT, software_statement: statement });
    expectError(response, 400, 'invalid_software_statement', /software_jwks_endpoint https:\/\/169\.254\.169\.254\/keys names a non-public address \(link-local\)/);
  });

  it('accepts an allow-listed jwks_uri and fetches it; once the allow-list no longer names it, the fetch is refused (invalid_client, detail logged)', async () => {
    const registered = await register(allowing, { jwks_uri: `https://127.0.0.1:${keyPort}/client.jwks` });
    expect(registered.status).toBe(201);
    const clientId = String(registered.json['client_id']);
    expect((await token(allowing, clientId)).status).toBe(200);

    restarted = await startTestObas({
      dataDir,
      profile: 'fapi2',
      extra: { database: { sqliteFile: join(dataDir, 'allowing.db') }, outbound: { allow: [], timeoutMs: FETCH_TIMEOUT_MS } },
      logLines: restartedLog,
    });
    const before = keyServerConnections;
    const refused = await token(restarted, clientId);
    expect({ status: refused.status, error: refused.json['error'] }).toEqual({ status: 401, error: 'invalid_client' });
    expect(refused.json['error_description']).toBe('The client jwks_uri could not be retrieved');
    expect(keyServerConnections).toBe(before);
    const logged = await vi.waitFor(() => {
      const line = restartedLog.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry['error'] === 'invalid_client');
      if (line === undefined) throw new Error('no invalid_client log line yet');
      return line;
    });
    expect(logged['detail']).toBe(`JWKS https://127.0.0.1:${keyPort}/client.jwks: 127.0.0.1 is not a public address (loopback)`);
  });

  it('takes the same time to refuse a client whose jwks_uri port is closed, silent or not TLS: no port-scan oracle', async () => {
    const silent = createTcpServer((socket) => sockets.push(socket));
    const plain = createHttpServer((_request, response) => response.end('not TLS'));
    const closed = createTcpServer();
    servers.push(silent, plain);
    const ports = { silent: await listen(silent), plain: await listen(plain), closed: await listen(closed) };
    await closeServer(closed);
    const took: Record<string, number> = {};
    for (const [name, port] of Object.entries(ports)) {
      const registered = await register(allowing, { jwks_uri: `https://127.0.0.1:${port}/client.jwks` });
      expect(registered.status, name).toBe(201);
      const started = performance.now();
      const refused = await token(allowing, String(registered.json['client_id']));
      took[name] = performance.now() - started;
      expect({ status: refused.status, error: refused.json['error'] }, name).toEqual({ status: 401, error: 'invalid_client' });
    }
    const times = Object.values(took);
    for (const [name, ms] of Object.entries(took)) expect(ms, name).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS);
    expect(Math.max(...times) - Math.min(...times), JSON.stringify(took)).toBeLessThan(400);
  });
});
