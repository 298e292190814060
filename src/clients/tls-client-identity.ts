import type { ClientMetadata } from '../storage/ports.js';

/**
 * The one certificate identifier `tls_client_auth` registers (RFC 8705 §2.1.2): the subject DN, or one subject
 * alternative name of a given type. Exactly one is set for a valid `tls_client_auth` client; none for other methods.
 */
export interface TlsClientIdentity {
  readonly subjectDn?: string;
  readonly sanDns?: string;
  readonly sanUri?: string;
  readonly sanIp?: string;
  readonly sanEmail?: string;
}

const MEMBERS = {
  subjectDn: 'tls_client_auth_subject_dn',
  sanDns: 'tls_client_auth_san_dns',
  sanUri: 'tls_client_auth_san_uri',
  sanIp: 'tls_client_auth_san_ip',
  sanEmail: 'tls_client_auth_san_email',
} as const;

/** The `tls_client_auth_*` members of metadata (stored, or about to be registered). */
export function tlsIdentityOf(metadata: ClientMetadata): TlsClientIdentity {
  const identity: Record<string, string> = {};
  for (const [field, member] of Object.entries(MEMBERS)) {
    const value = metadata[member];
    if (typeof value === 'string') identity[field] = value;
  }
  return identity;
}
