import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import { fetch as undiciFetch, type Agent } from 'undici';
import { expect } from 'vitest';
import type { DevPki } from '../../src/pki/dev-ca.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { openSandboxDirectory, SANDBOX_DIRECTORY_ISSUER } from '../../src/registration/sandbox-directory.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { tppAgent } from '../support/tpp-client.js';
import type { ClientSigningKey } from '../support/tpp-fixtures.js';

/** The organisation of the TPP in these tests, as its certificate's organizationIdentifier and its SSA org_id. */
export const ORG_ID = 'PSDGB-FCA-123456';
export const SOFTWARE_ID = 'software-42';
export const REDIRECT_URI = 'https://tpp.example/cb';

/** SQLite always; PostgreSQL when DATABASE_URL is set (the same suites run on both). */
export const STORAGE_TARGETS = [
  { name: 'SQLite', database: async (): Promise<TestDatabase | undefined> => undefined, skip: false },
  { name: 'PostgreSQL', database: createTestDatabase, skip: !postgresAvailable },
];

/**
 * The servers, databases and TLS agents of one test file, closed together: servers share a data directory (one dev CA,
 * one sandbox directory) and each gets its own database of the file's storage target.
 */
export class RegistrationTestBed {
  private readonly agents: Agent[] = [];
  private readonly storages = new Map<TestObas, { sqliteFile: string; db: TestDatabase | undefined }>();

  constructor(private readonly database: () => Promise<TestDatabase | undefined>) {}

  /** Starts obas in `dataDir` with `profile` and extra top-level configuration (clients, directory…). */
  async start(dataDir: string, name: string, profile: unknown, extra: Record<string, unknown> = {}): Promise<TestObas> {
    const db = await this.database();
    const sqliteFile = join(dataDir, `${name}.db`);
    const server = await startTestObas({ dataDir, profile, extra: { ...extra, database: db === undefined ? { sqliteFile } : { url: db.url } } });
    this.storages.set(server, { sqliteFile, db });
    return server;
  }

  /** Where a server keeps its data, for opening its storage directly. */
  storageOf(server: TestObas): { sqliteFile: string; databaseUrl?: string } {
    const storage = this.storages.get(server);
    if (storage === undefined) throw new Error('not a server of this test bed');
    return storage.db === undefined ? { sqliteFile: storage.sqliteFile } : { sqliteFile: storage.sqliteFile, databaseUrl: storage.db.url };
  }

  /** An mTLS agent that trusts the dev CA and presents `certificate` (null: no certificate at all). */
  agent(caPem: string, certificate: IssuedCertificate | null): Agent {
    const agent = tppAgent({ ...(certificate === null ? {} : { certPem: certificate.certPem, keyPem: certificate.keyPem }), caPem });
    this.agents.push(agent);
    return agent;
  }

  /** Closes every agent and server, then drops the databases. */
  async close(): Promise<void> {
    await Promise.all(this.agents.map((agent) => agent.close()));
    await Promise.all([...this.storages.keys()].map((server) => server.close()));
    await Promise.all([...this.storages.values()].map(({ db }) => db?.drop()));
  }
}

/** The TPP certificates of the registration tests. */
export interface RegistrationCertificates {
  /** PSP_AI + PSP_PI, organisation ORG_ID. */
  readonly tpp: IssuedCertificate;
  /** PSP_AI only, organisation ORG_ID. */
  readonly aisOnly: IssuedCertificate;
  /** Another organisation. */
  readonly otherOrg: IssuedCertificate;
}

/** Issues the registration test certificates from the dev CA. */
export async function issueRegistrationCertificates(pki: DevPki): Promise<RegistrationCertificates> {
  const [tpp, aisOnly, otherOrg] = await Promise.all([
    issueTppCertificate(pki.ca, { organization: 'Example TPP Ltd', organizationIdentifier: ORG_ID, commonName: SOFTWARE_ID, roles: ['PSP_AI', 'PSP_PI'] }),
    issueTppCertificate(pki.ca, { organization: 'Example TPP Ltd', organizationIdentifier: ORG_ID, commonName: 'ais-only', roles: ['PSP_AI'] }),
    issueTppCertificate(pki.ca, { organization: 'Other TPP Ltd', organizationIdentifier: 'PSDGB-FCA-654321', commonName: 'other', roles: ['PSP_AI', 'PSP_PI'] }),
  ]);
  return { tpp, aisOnly, otherOrg };
}

/** Claims of a valid sandbox SSA for the test TPP, to be altered by a test. */
export function ssaClaims(softwareKeys: ClientSigningKey | IssuedCertificate, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: SANDBOX_DIRECTORY_ISSUER,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    software_id: SOFTWARE_ID,
    software_client_name: 'Example TPP app',
    software_roles: ['AISP', 'PISP'],
    software_redirect_uris: [REDIRECT_URI],
    software_jwks: { keys: [softwareKeys.publicJwk] },
    org_id: ORG_ID,
    org_name: 'Example TPP Ltd',
    ...overrides,
  };
}

/** Signs SSA claims with the sandbox directory of `dataDir` (the directory the test server trusts). */
export async function sandboxSsa(dataDir: string, claims: JWTPayload): Promise<string> {
  const directory = await openSandboxDirectory(dataDir);
  const { iss: _issuer, ...rest } = claims;
  return directory.sign(rest, new Date());
}

/** Signs SSA-shaped claims with any key: for untrusted issuers and bad signatures. */
export function foreignSsa(key: ClientSigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.publicJwk.alg ?? 'PS256', kid: key.kid }).sign(key.privateKey);
}

/** Claims of a valid UK OB DCR request JWT for `issuer`, to be altered by a test. */
export function requestClaims(issuer: string, softwareStatement: string, metadata: Record<string, unknown>, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { ...metadata, iss: SOFTWARE_ID, aud: issuer, iat: now, exp: now + 300, jti: randomUUID(), software_statement: softwareStatement, ...overrides };
}

/** Signs request claims as the TPP software. */
export function signRequest(key: ClientSigningKey, claims: JWTPayload, alg = key.publicJwk.alg ?? 'PS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).sign(key.privateKey);
}

/** An HTTP exchange with a JSON (or empty) answer. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

/** Sends a request over the TPP's mTLS agent and parses the JSON answer. */
export async function send(
  url: string,
  agent: Agent,
  init: { method: string; body?: string; contentType?: string; token?: string },
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (init.contentType !== undefined) headers['content-type'] = init.contentType;
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  const response = await undiciFetch(url, { method: init.method, headers, dispatcher: agent, ...(init.body === undefined ? {} : { body: init.body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers as unknown as Headers, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** POSTs JSON registration metadata. */
export const registerJson = (mtlsBaseUrl: string, agent: Agent, body: unknown) =>
  send(`${mtlsBaseUrl}/register`, agent, { method: 'POST', body: JSON.stringify(body), contentType: 'application/json' });

/** POSTs a signed UK OB DCR registration request. */
export const registerJws = (mtlsBaseUrl: string, agent: Agent, jws: string) =>
  send(`${mtlsBaseUrl}/register`, agent, { method: 'POST', body: jws, contentType: 'application/jose' });

/** Asserts an OAuth error response: status, `error`, and a fragment of `error_description` (so it fails for the right reason). */
export function expectError(response: JsonResponse, status: number, error: string, description: RegExp): void {
  expect({ status: response.status, error: response.json['error'] }).toEqual({ status, error });
  expect(response.json['error_description']).toMatch(description);
}
