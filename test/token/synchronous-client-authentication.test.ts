import { X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientAuthentication, type AuthenticateClient } from '../../src/client-auth/client-authentication.js';
import { tlsClientAuthenticator } from '../../src/client-auth/tls-client-auth.auth.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.js';
import type { ClientCertificate } from '../../src/pki/client-certificate.js';
import { createCertificateInspector } from '../../src/pki/client-certificate-inspector.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/ports.js';
import { sqliteTestFile } from '../support/postgres.js';
import { tlsClient } from '../support/tpp-fixtures.js';

/**
 * PKI mutual TLS on a client record this process remembers needs no I/O: the token endpoint's client authentication
 * then answers with no promise (one fewer turn of the microtask queue per token request), and still falls back to the
 * stored record, asynchronously, when the remembered one refuses.
 */
describe('client authentication on a remembered record', () => {
  const now = new Date();
  let file: string;
  let storage: Storage;
  let authenticate: AuthenticateClient;
  let main: ClientCertificate;
  let other: ClientCertificate;

  beforeAll(async () => {
    const ca = await createCertificateAuthority({ commonName: 'Synchronous Auth CA' });
    const inspector = createCertificateInspector([new X509Certificate(ca.certPem)]);
    const issue = (commonName: string): Promise<IssuedCertificate> =>
      issueTppCertificate(ca, { organization: 'Acme', organizationIdentifier: 'PSDGB-FCA-123456', commonName, roles: ['PSP_AI'] });
    const [mainIssued, otherIssued] = await Promise.all([issue('main-tpp'), issue('other-tpp')]);
    const inspect = (issued: IssuedCertificate) => inspector.inspect(Buffer.from(new X509Certificate(issued.certPem).raw), [], now, 'tls');
    [main, other] = [inspect(mainIssued), inspect(otherIssued)];
    file = sqliteTestFile();
    storage = await openStorage({ sqliteFile: file });
    const record = (clientId: string, issued: IssuedCertificate) => ({
      clientId,
      metadata: tlsClient(clientId, issued) as { client_id: string },
      source: 'config' as const,
      createdAt: now,
      updatedAt: now,
    });
    await storage.clients.save(record('tpp-main', mainIssued));
    await storage.clients.save(record('tpp-moved', mainIssued));
    authenticate = createClientAuthentication(storage.clients, [tlsClientAuthenticator], ['tls_client_auth']);
  });

  afterAll(async () => {
    await storage?.close();
    if (file !== undefined) await rm(dirname(file), { recursive: true, force: true });
  });

  const sources = (clientId: string, certificate: ClientCertificate) => ({ form: new Map([['client_id', clientId]]), authorization: undefined, certificate });

  it('answers with no promise once the record is remembered, with the version it was authenticated on', async () => {
    const first = authenticate(sources('tpp-main', main), now, { recall: true });
    expect(first).toBeInstanceOf(Promise);
    expect((await first).client.clientId).toBe('tpp-main');
    const remembered = authenticate(sources('tpp-main', main), now, { recall: true });
    expect(remembered).not.toBeInstanceOf(Promise);
    expect(remembered).toMatchObject({ method: 'tls_client_auth', certificate: main, recalledVersion: now });
  });

  it('asks the database when not told to recall', async () => {
    await authenticate(sources('tpp-main', main), now, { recall: true });
    const stored = authenticate(sources('tpp-main', main), now);
    expect(stored).toBeInstanceOf(Promise);
    expect((await stored).recalledVersion).toBeUndefined();
  });

  it('refused on the remembered record, lets the stored record decide: a client changed elsewhere is seen at once', async () => {
    await authenticate(sources('tpp-moved', main), now, { recall: true });
    const elsewhere = await openStorage({ sqliteFile: file });
    try {
      const stored = await elsewhere.clients.find('tpp-moved');
      const dn = other.subjectDn;
      await elsewhere.clients.replace({ ...stored!, metadata: { ...stored!.metadata, tls_client_auth_subject_dn: dn }, updatedAt: new Date(now.getTime() + 1) });
    } finally {
      await elsewhere.close();
    }
    const accepted = authenticate(sources('tpp-moved', other), now, { recall: true });
    expect(accepted).toBeInstanceOf(Promise);
    await expect(accepted).resolves.toMatchObject({ client: { clientId: 'tpp-moved' } });
    const refused = authenticate(sources('tpp-moved', main), now, { recall: true });
    await expect(refused).rejects.toBeInstanceOf(OAuthError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid_client', reason: 'certificate_mismatch' });
  });
});
