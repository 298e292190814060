import { join } from 'node:path';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { tokenKey } from '../../src/tokens/token-key.js';
import { createTokenLookup } from '../../src/tokens/token-lookup.js';
import type { ClientRecord, Storage } from '../../src/storage/ports.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, type TppCertificates } from '../support/tpp-fixtures.js';

/**
 * A `client_credentials` request over mutual TLS runs first on the client record obas remembers, and its token is
 * stored only if the client is still that version: a change made by another instance (here, a storage of the test's
 * own on the same database) must decide the very next request, whichever way it goes.
 */
function recalledClientBehaviour(database: () => Promise<TestDatabase | undefined>): void {
  let db: TestDatabase | undefined;
  let server: TestObas;
  let certs: TppCertificates;
  let elsewhere: Storage;
  const agents: Agent[] = [];

  const request = (clientId: string, cert: { certPem: string; keyPem: string }, extra: Record<string, string> = {}) => {
    const agent = tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: server.pki.caCertPem });
    agents.push(agent);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, ...extra });
    return postForm(`${server.mtlsBaseUrl}/token`, agent, form.toString());
  };

  /** Changes the client's metadata from the other storage, as another obas process would. */
  const changeElsewhere = async (clientId: string, change: Record<string, unknown>): Promise<void> => {
    const stored = (await elsewhere.clients.find(clientId)) as ClientRecord;
    const updated = { ...stored, metadata: { ...stored.metadata, ...change }, updatedAt: new Date(stored.updatedAt.getTime() + 1) };
    expect(await elsewhere.clients.replace(updated)).toBe(true);
  };

  beforeAll(async () => {
    db = await database();
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    const common = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts payments' };
    server = await startTestObas({
      dataDir,
      ...(db === undefined ? {} : { databaseUrl: db.url }),
      profile: 'fapi2',
      clients: ['moved', 'narrowed', 'removed', 'stopped'].map((clientId) => ({ ...common, client_id: clientId, tls_client_auth_subject_dn: certs.main.subjectDn })),
    });
    elsewhere = await openStorage({ ...(db === undefined ? {} : { databaseUrl: db.url }), sqliteFile: join(dataDir, 'obas.db') });
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await elsewhere?.close();
    await server?.close();
    await db?.drop();
  });

  it('a certificate DN changed elsewhere: the old certificate is refused at once, the new one accepted at once', async () => {
    expect((await request('moved', certs.main)).status).toBe(200);
    await changeElsewhere('moved', { tls_client_auth_subject_dn: certs.other.subjectDn });
    const old = await request('moved', certs.main);
    expect(old.status).toBe(401);
    expect(old.json).toMatchObject({ error: 'invalid_client' });
    expect((await request('moved', certs.other)).status).toBe(200);
  });

  it('a scope narrowed elsewhere: the scope taken away is refused at once, not issued on the remembered record', async () => {
    expect((await request('narrowed', certs.main, { scope: 'payments' })).status).toBe(200);
    await changeElsewhere('narrowed', { scope: 'accounts' });
    const refused = await request('narrowed', certs.main, { scope: 'payments' });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'invalid_scope' });
    expect((await request('narrowed', certs.main, { scope: 'accounts' })).json).toMatchObject({ scope: 'accounts' });
  });

  it('a grant type withdrawn elsewhere is refused at once', async () => {
    expect((await request('stopped', certs.main)).status).toBe(200);
    await changeElsewhere('stopped', { grant_types: ['authorization_code'] });
    expect((await request('stopped', certs.main)).json).toMatchObject({ error: 'unauthorized_client' });
  });

  it('a client deleted elsewhere gets no token at once, and the token it had is unknown everywhere, also once its client_id is back', async () => {
    const issued = await request('removed', certs.main);
    expect(issued.status).toBe(200);
    const token = String(issued.json['access_token']);
    const deleted = (await elsewhere.clients.find('removed')) as ClientRecord;
    expect(await elsewhere.clients.delete('removed')).toBe(true);
    const refused = await request('removed', certs.main);
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ error: 'invalid_client' });
    expect(await elsewhere.accessTokens.findByHash(tokenKey(token))).toBeDefined();
    const lookup = createTokenLookup(elsewhere);
    expect(await lookup.find(token, undefined)).toBeUndefined();

    // The client_id comes back as another client, created (by another process's clock) before that token was issued.
    const createdAt = new Date(deleted.createdAt.getTime() + 1);
    await elsewhere.clients.save({ ...deleted, createdAt, updatedAt: createdAt });
    expect(await lookup.find(token, undefined)).toBeUndefined();
    const reissued = await request('removed', certs.main);
    expect(reissued.status).toBe(200);
    const found = await lookup.find(String(reissued.json['access_token']), undefined);
    expect(found !== undefined && lookup.isActive(found, new Date())).toBe(true);
  });
}

describe('token requests on a remembered client record, SQLite', () => recalledClientBehaviour(async () => undefined));
describe.skipIf(!postgresAvailable)('token requests on a remembered client record, PostgreSQL', () => recalledClientBehaviour(createTestDatabase));
