import { calculateJwkThumbprint, type JWK } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import type { X509Certificate } from 'node:crypto';
import type { ClientAuthenticator } from './client-authenticator.js';
import { requireCertificate } from './certificate-requirements.js';
import type { ClientKeys } from './client-keys.js';

const thumbprints = new WeakMap<X509Certificate, Promise<string>>();

function certificateKeyThumbprint(leaf: X509Certificate): Promise<string> {
  let thumbprint = thumbprints.get(leaf);
  if (thumbprint === undefined) {
    thumbprint = calculateJwkThumbprint(leaf.publicKey.export({ format: 'jwk' }) as JWK);
    thumbprints.set(leaf, thumbprint);
  }
  return thumbprint;
}

/**
 * `self_signed_tls_client_auth` (RFC 8705 §2.2): no chain validation; the certificate's public key must be one of the
 * keys the client registered in `jwks`/`jwks_uri` (compared by RFC 7638 thumbprint).
 */
export function createSelfSignedTlsClientAuthenticator(clientKeys: ClientKeys): ClientAuthenticator {
  return {
    method: 'self_signed_tls_client_auth',
    async authenticate(credentials, client) {
      const certificate = requireCertificate(credentials.certificate);
      const presented = await certificateKeyThumbprint(certificate.leaf);
      const registered = await Promise.all((await clientKeys.jwks(client)).map((jwk) => calculateJwkThumbprint(jwk)));
      if (!registered.includes(presented)) {
        throw invalidClient('The client certificate key is not registered for the client', 'certificate_mismatch');
      }
    },
  };
}
