import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { discover, fetchVia, tppAgent } from '../support/tpp-client.js';
import { postOnNewConnection, type NewConnectionTls } from '../support/tls-session-client.js';
import { issueTppCertificates, tlsClient, type TppCertificates } from '../support/tpp-fixtures.js';

/**
 * TLS session resumption on the mTLS listener (RFC 8446 §2.2 PSK from a ticket; RFC 5077 tickets in TLS 1.2): a
 * resumed connection sends no certificate, the server takes the one its full handshake authenticated from the
 * session, and the tokens issued on it are bound (RFC 8705 §3) to that certificate.
 */
describe('TLS session resumption on the mutual-TLS listener', () => {
  let server: TestObas;
  let certs: TppCertificates;
  let viaIntermediate: IssuedCertificate;
  let as: oauth.AuthorizationServer;
  let rsAgent: Agent;
  const tlsOf = (certificate: IssuedCertificate, maxVersion?: NewConnectionTls['maxVersion']): NewConnectionTls => ({
    certPem: certificate.chainPem,
    keyPem: certificate.keyPem,
    caPem: server.pki.caCertPem,
    ...(maxVersion === undefined ? {} : { maxVersion }),
  });
  const form = (clientId: string) => new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope: 'accounts' }).toString();
  const token = (tls: NewConnectionTls, clientId: string, session?: Buffer) => postOnNewConnection(`${server.mtlsBaseUrl}/token`, tls, form(clientId), session);

  /** The `cnf.x5t#S256` introspection reports for a token, as the bank's resource server `rs-1` sees it. */
  async function boundThumbprint(accessToken: string): Promise<unknown> {
    const client: oauth.Client = { client_id: 'rs-1', use_mtls_endpoint_aliases: true };
    const response = await oauth.introspectionRequest(as, client, oauth.TlsClientAuth(), accessToken, { [oauth.customFetch]: fetchVia(rsAgent) });
    const info = await oauth.processIntrospectionResponse(as, client, response);
    expect(info.active).toBe(true);
    return info.cnf?.['x5t#S256'];
  }

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    const issuingCa = await createCertificateAuthority({ commonName: 'Resumption Issuing CA', issuer: pki.ca });
    viaIntermediate = await issueTppCertificate(issuingCa, { organization: 'Intermediate TPP Ltd', commonName: 'tpp-intermediate', keyType: 'rsa' });
    const rsCert = await issueTppCertificate(pki.ca, { organization: 'Example Bank plc', commonName: 'resource-server-1', keyType: 'ec' });
    const bound = { tls_client_certificate_bound_access_tokens: true };
    server = await startTestObas({
      dataDir,
      extra: { resourceServers: [{ id: 'rs-1', subjectDn: rsCert.subjectDn }] },
      clients: [
        { ...tlsClient('tpp-main', certs.main), ...bound },
        { ...tlsClient('tpp-other', certs.other), ...bound },
        { ...tlsClient('tpp-intermediate', viaIntermediate), ...bound },
      ],
    });
    rsAgent = tppAgent({ certPem: rsCert.certPem, keyPem: rsCert.keyPem, caPem: pki.caCertPem });
    as = await discover(server.issuer, rsAgent);
  });

  afterAll(async () => {
    await rsAgent?.close();
    await server?.close();
  });

  it.each([
    { version: 'TLSv1.3' as const, mechanism: 'PSK from a session ticket' },
    { version: 'TLSv1.2' as const, mechanism: 'RFC 5077 session ticket' },
  ])('$version ($mechanism): a resumed connection gets a token bound to the certificate of the full handshake', async ({ version }) => {
    const tls = tlsOf(certs.main, version);
    const first = await token(tls, 'tpp-main');
    expect(first.status).toBe(200);
    expect(first.reused).toBe(false);
    expect(first.session).toBeInstanceOf(Buffer);
    const second = await token(tls, 'tpp-main', first.session);
    expect(second.status).toBe(200);
    expect(second.reused).toBe(true);
    expect(second.json['access_token']).not.toBe(first.json['access_token']);
    expect(await boundThumbprint(first.json['access_token'] as string)).toBe(certs.main.thumbprintS256);
    expect(await boundThumbprint(second.json['access_token'] as string)).toBe(certs.main.thumbprintS256);
  });

  it('a client with another certificate that offers that session is the first client: its own certificate is never sent', async () => {
    const first = await token(tlsOf(certs.main), 'tpp-main');
    // A resumed handshake has no CertificateRequest (RFC 8446 §4.3.2 / §4.6.1): the session, which only the holder of
    // tpp-main's key could have obtained, stands for tpp-main's certificate; tpp-other's certificate plays no part.
    const asOther = await token(tlsOf(certs.other), 'tpp-other', first.session);
    expect(asOther.reused).toBe(true);
    expect(asOther.status).toBe(401);
    expect(asOther.json['error']).toBe('invalid_client');
    const asMain = await token(tlsOf(certs.other), 'tpp-main', first.session);
    expect(asMain.reused).toBe(true);
    expect(asMain.status).toBe(200);
    expect(await boundThumbprint(asMain.json['access_token'] as string)).toBe(certs.main.thumbprintS256);
  });

  it('without that session, the other certificate makes a full handshake and its token is bound to it', async () => {
    const own = await token(tlsOf(certs.other), 'tpp-other');
    expect(own.reused).toBe(false);
    expect(own.status).toBe(200);
    expect(await boundThumbprint(own.json['access_token'] as string)).toBe(certs.other.thumbprintS256);
  });

  it('a certificate whose path needs an intermediate only the client sent still authenticates on resumed connections', async () => {
    // The session keeps the leaf but not the intermediate (OpenSSL does not store the peer chain): obas completes the
    // path with the chain presented on the full handshake of the same leaf.
    const tls = tlsOf(viaIntermediate);
    const first = await token(tls, 'tpp-intermediate');
    expect(first.status).toBe(200);
    let session = first.session;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const resumed = await token(tls, 'tpp-intermediate', session);
      expect(resumed.reused).toBe(true);
      expect(resumed.status).toBe(200);
      expect(await boundThumbprint(resumed.json['access_token'] as string)).toBe(viaIntermediate.thumbprintS256);
      session = resumed.session ?? session;
    }
  });
});
