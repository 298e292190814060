import { invalidClient } from '../errors/error-factories.js';
import { normalizeDn } from '../pki/distinguished-name.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import { canonicalIp } from '../pki/subject-alt-names.js';
import type { TlsClientIdentity } from '../clients/tls-client-identity.js';
import type { ClientAuthenticator } from './client-authenticator.js';
import { requireTrustedCertificate } from './certificate-requirements.js';

/**
 * `tls_client_auth` (RFC 8705 §2.1): PKI mutual TLS. The chain must validate against the trust anchors and the
 * certificate must carry the one registered identifier: the subject DN (RFC 4514 comparison) or a SAN
 * (`tls_client_auth_san_dns|uri|ip|email`, §2.1.2).
 */
export const tlsClientAuthenticator: ClientAuthenticator = {
  method: 'tls_client_auth',
  // Synchronous: it reads nothing (see ClientAuthenticator.authenticate).
  authenticate(credentials, client) {
    const certificate = requireTrustedCertificate(credentials.certificate);
    if (!matchesRegisteredIdentity(certificate, client.tlsIdentity)) {
      throw invalidClient('The client certificate does not match the registered identity', 'certificate_mismatch', {
        detail: `presented subject ${certificate.subjectDn}`,
      });
    }
  },
};

/**
 * Whether a certificate carries the one identifier `tls_client_auth` metadata registers (RFC 8705 §2.1.2): the subject
 * DN (RFC 4514 comparison) or the registered SAN. Registration uses it too, to bind a client to its certificate.
 */
export function matchesRegisteredIdentity(certificate: ClientCertificate, identity: TlsClientIdentity): boolean {
  const { subjectDn, sanDns, sanUri, sanIp, sanEmail } = identity;
  if (subjectDn !== undefined) return safeSameDn(subjectDn, certificate.subjectDn);
  const sans = certificate.subjectAltNames;
  if (sanDns !== undefined) return sans.dns.some((name) => name.toLowerCase() === sanDns.toLowerCase());
  if (sanUri !== undefined) return sans.uri.includes(sanUri);
  if (sanIp !== undefined) return sans.ip.includes(canonicalIp(sanIp));
  if (sanEmail !== undefined) return sans.email.includes(sanEmail);
  return false;
}

const normalizedRegisteredDns = new Map<string, string | null>();

/** Registered DN vs the presented one (already normalised by the inspector); parsing a DN is costly, so memoised. */
function safeSameDn(registered: string, presentedNormalized: string): boolean {
  let normalized = normalizedRegisteredDns.get(registered);
  if (normalized === undefined) {
    try {
      normalized = normalizeDn(registered);
    } catch {
      normalized = null;
    }
    if (normalizedRegisteredDns.size >= 10_000) normalizedRegisteredDns.clear();
    normalizedRegisteredDns.set(registered, normalized);
  }
  return normalized !== null && normalized === presentedNormalized;
}
