/**
 * A resource server (the bank's API gateway): identified by its mTLS certificate, like a `tls_client_auth` client, by
 * subject DN or by certificate thumbprint. It may introspect any token and mark payment consents consumed.
 */
export interface ResourceServerConfig {
  readonly id: string;
  /** RFC 8705 §2.1.2 `tls_client_auth_subject_dn` its certificate must carry. */
  readonly subjectDn?: string;
  /** `x5t#S256` of its certificate (base64url SHA-256 of the DER). */
  readonly certificateThumbprint?: string;
}
