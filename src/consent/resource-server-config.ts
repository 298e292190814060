/**
 * How the introspection endpoint answers a resource server by default: RFC 7662 §2.2 JSON, or the RFC 9701 §5 signed
 * JWT (`application/token-introspection+jwt`).
 */
export type IntrospectionResponseFormat = 'json' | 'jwt';

/** The values of {@link IntrospectionResponseFormat}, the default first. */
export const INTROSPECTION_RESPONSE_FORMATS: readonly IntrospectionResponseFormat[] = ['json', 'jwt'];

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
  /**
   * `jwt`: every introspection answer it gets is an RFC 9701 §5 signed JWT, whether or not it sends
   * `Accept: application/token-introspection+jwt`, and a request whose `Accept` allows JSON but not that type is refused
   * with 400 (no downgrade to unsigned JSON, as RFC 9701 §5 has it for encrypted responses). Absent: `json`, unless the
   * request asks for the JWT (§4).
   */
  readonly introspectionResponse?: IntrospectionResponseFormat;
}
