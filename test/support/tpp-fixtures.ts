import type { webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { DevPki } from '../../src/pki/dev-ca.js';
import { issueSelfSignedCertificate, issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';

/** A client signing key pair for private_key_jwt, with its public JWK (kid set). */
export interface ClientSigningKey {
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicJwk: JWK;
  readonly kid: string;
}

/** Generates a client signing key for PS256/ES256/RS256 assertions. */
export async function clientSigningKey(alg: 'PS256' | 'ES256' | 'RS256', kid: string): Promise<ClientSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, kid };
}

/** The TPP certificates the token endpoint tests use, all issued once per test file. */
export interface TppCertificates {
  readonly main: IssuedCertificate;
  readonly san: IssuedCertificate;
  readonly other: IssuedCertificate;
  readonly selfSigned: IssuedCertificate;
}

/** Issues the standard set: the main TPP, one with a SAN, another TPP, and a self-signed certificate. */
export async function issueTppCertificates(pki: DevPki): Promise<TppCertificates> {
  const [main, san, other, selfSigned] = await Promise.all([
    issueTppCertificate(pki.ca, { organization: 'Example TPP Ltd', organizationIdentifier: 'PSDGB-FCA-123456', commonName: 'tpp-main', roles: ['PSP_AI', 'PSP_PI'] }),
    issueTppCertificate(pki.ca, { organization: 'San TPP Ltd', commonName: 'tpp-san', keyType: 'ec', subjectAltNames: { dns: ['tpp.example.com'] } }),
    issueTppCertificate(pki.ca, { organization: 'Other TPP Ltd', organizationIdentifier: 'PSDGB-FCA-654321', commonName: 'tpp-other' }),
    issueSelfSignedCertificate({ organization: 'Self Signed TPP', commonName: 'tpp-self', keyType: 'ec' }),
  ]);
  return { main, san, other, selfSigned };
}

/** Static client metadata of a `tls_client_auth` client for `client_credentials`, identified by a certificate's DN. */
export function tlsClient(clientId: string, certificate: IssuedCertificate, scope = 'accounts'): Record<string, unknown> {
  return {
    client_id: clientId,
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: certificate.subjectDn,
    grant_types: ['client_credentials'],
    scope,
  };
}
