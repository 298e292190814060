import type { X509Certificate } from 'node:crypto';

/** PSD2 roles of ETSI TS 119 495 §5.1 (`RoleOfPSP`, id-psd2-role-*). */
export type Psd2Role = 'PSP_AS' | 'PSP_PI' | 'PSP_AI' | 'PSP_IC';

/** The PSD2 QCStatement (ETSI TS 119 495 §5.1, OID 0.4.0.19495.2) of a certificate. */
export interface Psd2Attributes {
  readonly roles: readonly Psd2Role[];
  /** NCAName, e.g. `Financial Conduct Authority`. */
  readonly ncaName: string;
  /** NCAId, e.g. `GB-FCA`. */
  readonly ncaId: string;
}

/** Outcome of validating a presented chain against the configured trust anchors. */
export type CertificateTrust =
  | { readonly status: 'trusted' }
  | {
      readonly status: 'untrusted' | 'expired' | 'not-yet-valid' | 'wrong-usage';
      /** Internal explanation for logs. */
      readonly detail: string;
    };

/** Subject alternative names of a certificate, by RFC 8705 §2.1.2 kind. */
export interface SubjectAltNames {
  readonly dns: readonly string[];
  readonly uri: readonly string[];
  readonly ip: readonly string[];
  readonly email: readonly string[];
}

/** A client certificate presented over mutual TLS, parsed once per connection/cache entry. */
export interface ClientCertificate {
  readonly leaf: X509Certificate;
  /** base64url SHA-256 of the DER certificate: the RFC 8705 §3.1 `x5t#S256` value. */
  readonly thumbprintS256: string;
  /** Subject DN as an RFC 4514 string, normalised (see `distinguished-name.ts`). */
  readonly subjectDn: string;
  readonly subjectAltNames: SubjectAltNames;
  /** The `organizationIdentifier` (2.5.4.97) attribute of the subject, e.g. `PSDGB-FCA-123456`. */
  readonly organizationIdentifier?: string;
  /** PSD2 attributes when the certificate carries the ETSI PSD2 QCStatement. */
  readonly psd2?: Psd2Attributes;
  /** Chain validation result against the configured trust anchors at the time of the request. */
  readonly trust: CertificateTrust;
  /** `tls`: the TLS socket; `proxy-header`: RFC 9440 `Client-Cert` from a trusted proxy. */
  readonly source: 'tls' | 'proxy-header';
}
