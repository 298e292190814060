import type { X509Certificate } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import type { ClientAuthenticator } from './client-authenticator.js';
import { requireCertificate } from './certificate-requirements.js';
import type { ClientKeys } from './client-keys.js';

/** RFC 7638 thumbprint of a key, or undefined for a key jose or Node cannot express as a JWK (e.g. RSA-PSS, DSA). */
async function thumbprintOf(jwk: () => JWK): Promise<string | undefined> {
  try {
    return await calculateJwkThumbprint(jwk());
  } catch {
    return undefined;
  }
}

/**
 * `self_signed_tls_client_auth` (RFC 8705 §2.2): no chain validation; the certificate's public key must be one of the
 * keys the client registered in `jwks`/`jwks_uri` (compared by RFC 7638 thumbprint). Thumbprints are kept per
 * certificate and per registered key set, which `ClientKeys` returns as the same array while it is current.
 */
export function createSelfSignedTlsClientAuthenticator(clientKeys: ClientKeys): ClientAuthenticator {
  const presentedThumbprints = new WeakMap<X509Certificate, Promise<string | undefined>>();
  const registeredThumbprints = new WeakMap<readonly JWK[], Promise<Set<string | undefined>>>();

  function presented(leaf: X509Certificate): Promise<string | undefined> {
    let thumbprint = presentedThumbprints.get(leaf);
    if (thumbprint === undefined) {
      thumbprint = thumbprintOf(() => leaf.publicKey.export({ format: 'jwk' }) as JWK);
      presentedThumbprints.set(leaf, thumbprint);
    }
    return thumbprint;
  }

  function registered(keys: readonly JWK[]): Promise<Set<string | undefined>> {
    let thumbprints = registeredThumbprints.get(keys);
    if (thumbprints === undefined) {
      thumbprints = Promise.all(keys.map((jwk) => thumbprintOf(() => jwk))).then((all) => new Set(all.filter(Boolean)));
      registeredThumbprints.set(keys, thumbprints);
    }
    return thumbprints;
  }

  return {
    method: 'self_signed_tls_client_auth',
    async authenticate(credentials, client) {
      const certificate = requireCertificate(credentials.certificate);
      const thumbprint = await presented(certificate.leaf);
      const isRegistered = async (refresh: boolean) => (await registered(await clientKeys.jwks(client, refresh))).has(thumbprint);
      if (thumbprint === undefined || !((await isRegistered(false)) || (client.jwksUri !== undefined && (await isRegistered(true))))) {
        throw invalidClient('The client certificate key is not registered for the client', 'certificate_mismatch');
      }
    },
  };
}
