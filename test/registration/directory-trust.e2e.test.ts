import { writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir, type TestObas } from '../support/obas-harness.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { expectError, foreignSsa, issueRegistrationCertificates, registerJson, registerJws, RegistrationTestBed } from './registration-fixtures.js';
import { requestClaims, sandboxSsa, signRequest, ssaClaims, type RegistrationCertificates } from './registration-fixtures.js';

const CC = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts' };

describe('software statements from a configured directory', () => {
  let dataDir: string;
  let certs: RegistrationCertificates;
  let directoryKey: ClientSigningKey;
  let software: ClientSigningKey;
  let keyServer: Server;
  let keyServerUrl: string;
  let hanging: TcpServer;
  const sockets: Socket[] = [];
  let caPem: string;
  const bed = new RegistrationTestBed(async () => undefined);
  let urlServer: TestObas;

  const agentFor = () => bed.agent(caPem, certs.tpp);
  /** The key server listens on loopback, which obas fetches from only when allowed (here explicitly, as the dev default would). */
  const start = (name: string, profile: unknown, directory: Record<string, unknown>) =>
    bed.start(dataDir, name, profile, { directory, outbound: { allow: ['127.0.0.0/8'], timeoutMs: 1000 } });
  const directorySsa = (overrides: Record<string, unknown> = {}) =>
    foreignSsa(directoryKey, ssaClaims(software, { iss: 'Test Directory', ...overrides }));

  beforeAll(async () => {
    const prepared = await prepareDataDir();
    dataDir = prepared.dataDir;
    caPem = prepared.pki.caCertPem;
    certs = await issueRegistrationCertificates(prepared.pki);
    [directoryKey, software] = await Promise.all([clientSigningKey('ES256', 'directory-1'), clientSigningKey('PS256', 'software-1')]);
    const documents: Record<string, JWK[]> = { '/directory.jwks': [directoryKey.publicJwk], '/software.jwks': [software.publicJwk] };
    keyServer = createHttpsServer({ key: prepared.pki.serverKeyPem, cert: prepared.pki.serverCertPem }, (request, response) => {
      const keys = documents[request.url ?? ''];
      if (keys === undefined) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((done) => keyServer.listen(0, '127.0.0.1', done));
    keyServerUrl = `https://localhost:${(keyServer.address() as { port: number }).port}`;
    hanging = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((done) => hanging.listen(0, '127.0.0.1', done));
  });

  afterAll(async () => {
    await bed.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => hanging.close(done));
    await new Promise((done) => keyServer.close(done));
  });

  it('a JWK Set file: its issuer is trusted, the sandbox directory no longer is', async () => {
    const file = join(dataDir, 'directory.jwks');
    writeFileSync(file, JSON.stringify({ keys: [directoryKey.publicJwk] }));
    const server = await start('file', 'stet', { jwksFile: file, issuers: ['Test Directory'] });
    const accepted = await registerJson(server.mtlsBaseUrl, agentFor(), { ...CC, scope: 'aisp', software_statement: await directorySsa() });
    expect(accepted.status).toBe(201);
    const sandboxStatement = await sandboxSsa(dataDir, ssaClaims(software));
    const refused = await registerJson(server.mtlsBaseUrl, agentFor(), { ...CC, scope: 'aisp', software_statement: sandboxStatement });
    expectError(refused, 400, 'unapproved_software_statement', /DS0F .*issuer is not a trusted directory/);
  });

  it('a JWKS URL for the directory and a software_jwks_endpoint for the request signature (UK OB DCR)', async () => {
    urlServer = await start('url', 'uk-ob', { jwksUrl: `${keyServerUrl}/directory.jwks`, issuers: ['Test Directory'] });
    const statement = await directorySsa({ software_jwks: undefined, software_jwks_endpoint: `${keyServerUrl}/software.jwks` });
    const response = await registerJws(urlServer.mtlsBaseUrl, agentFor(), await signRequest(software, requestClaims(urlServer.issuer, statement, CC)));
    expect(response.status).toBe(201);
    expect(response.json['jwks_uri']).toBe(`${keyServerUrl}/software.jwks`);
  });

  it('an SSA whose software_jwks_endpoint is gone is a prompt invalid_software_statement', async () => {
    const statement = await directorySsa({ software_jwks: undefined, software_jwks_endpoint: `${keyServerUrl}/missing.jwks` });
    const response = await registerJws(urlServer.mtlsBaseUrl, agentFor(), await signRequest(software, requestClaims(urlServer.issuer, statement, CC)));
    expectError(response, 400, 'invalid_software_statement', /U000 .*software_jwks_endpoint of the software statement could not be retrieved/);
  });

  it('a directory JWKS URL that never answers is an invalid_software_statement within the fetch timeout, not a hang', async () => {
    const url = `https://127.0.0.1:${(hanging.address() as { port: number }).port}/jwks`;
    const server = await start('hang', 'fapi2', { jwksUrl: url, issuers: ['Test Directory'] });
    const started = Date.now();
    const response = await registerJson(server.mtlsBaseUrl, agentFor(), { ...CC, software_statement: await directorySsa() });
    expectError(response, 400, 'invalid_software_statement', /directory keys could not be retrieved; try again later/);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);
});
