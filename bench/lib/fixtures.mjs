import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevPki } from '../../dist/src/pki/dev-ca.js';
import { issueTppCertificate } from '../../dist/src/pki/tpp-certificate.js';

/** The one client every server under test knows: RFC 8705 `tls_client_auth` with certificate-bound tokens. */
export const CLIENT_ID = 'bench-tpp';
export const CLIENT_SCOPE = 'accounts payments';
export const REQUESTED_SCOPE = 'accounts';

/**
 * Creates a throw-away directory with obas's dev PKI (CA + localhost server certificate, which every server under
 * test presents) and a PSD2-style TPP client certificate (RSA-2048) issued by that CA. Returns the file paths and the
 * client's RFC 7591 metadata, shared by obas, oidc-provider and the load generator.
 */
export async function createFixtures() {
  const root = await mkdtemp(join(tmpdir(), 'obas-bench-'));
  const dataDir = join(root, 'obas-data');
  const pki = await ensureDevPki(dataDir);
  const tpp = await issueTppCertificate(pki.ca, { organization: 'Bench TPP Ltd', commonName: CLIENT_ID, keyType: 'rsa' });
  const clientKeyFile = join(root, 'tpp.key');
  const clientCertFile = join(root, 'tpp.pem');
  await writeFile(clientKeyFile, tpp.keyPem, { mode: 0o600 });
  await writeFile(clientCertFile, tpp.chainPem);
  const client = {
    client_id: CLIENT_ID,
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: tpp.subjectDn,
    grant_types: ['client_credentials'],
    scope: CLIENT_SCOPE,
    tls_client_certificate_bound_access_tokens: true,
  };
  return {
    root,
    dataDir,
    caFile: pki.caCertPath,
    serverKeyFile: pki.serverKeyPath,
    serverCertFile: pki.serverCertPath,
    clientKeyFile,
    clientCertFile,
    clientThumbprint: tpp.thumbprintS256,
    client,
    /** The token request body every scenario sends. */
    form: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, scope: REQUESTED_SCOPE }).toString(),
    async remove() {
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Writes a JSON file under the fixtures root and returns its path. */
export async function writeJson(fixtures, name, value) {
  const file = join(fixtures.root, name);
  await writeFile(file, JSON.stringify(value, null, 2));
  return file;
}
