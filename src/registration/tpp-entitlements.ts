import type { ScopeRoles } from './registration-settings.js';
import type { Psd2Role } from '../pki/client-certificate.js';
import { invalidClientMetadata } from './registration-errors.js';

const PSD2_ORGANIZATION_IDENTIFIER = /^PSD([A-Z]{2})-([A-Z]{2,8})-(.+)$/;

/** When a bare authorisation number may stand for an organisation: the directory's NCA and the certificate's. */
export interface BareOrgIdReading {
  /** The NCAId whose authorisation numbers the directory writes bare, e.g. `GB-FCA`; undefined: none, it writes full identifiers. */
  readonly directoryAuthority: string | undefined;
  /** The NCAId of the certificate's PSD2 QCStatement, when it has one. */
  readonly certificateNcaId?: string;
}

/**
 * Whether a directory's `org_id` names the organisation of a certificate's `organizationIdentifier` (ETSI TS 119 495
 * §5.2.1, e.g. `PSDGB-FCA-123456`). They agree when they are equal. A bare authorisation number (`123456`) is only
 * unique within one authority, so with a `bare` reading (registration: what the directory vouches for) it agrees
 * only when the directory writes that NCA's numbers bare and the certificate is of that NCA by its identifier prefix
 * (`PSDGB-FCA-` → `GB-FCA`) and its QCStatement NCAId: `PSDFR-ACPR-123456` is never the FCA's `123456`. Without a
 * reading (an `org_id` recorded by a registration that was already checked) the number alone is compared.
 */
export function organisationsAgree(orgId: string, organizationIdentifier: string | undefined, bare?: BareOrgIdReading): boolean {
  if (organizationIdentifier === undefined) return false;
  if (orgId === organizationIdentifier) return true;
  if (PSD2_ORGANIZATION_IDENTIFIER.test(orgId)) return false;
  const match = PSD2_ORGANIZATION_IDENTIFIER.exec(organizationIdentifier);
  if (match === null || match[3] !== orgId) return false;
  if (bare === undefined) return true;
  const identifierNca = `${match[1]}-${match[2]}`;
  if (bare.certificateNcaId !== undefined && bare.certificateNcaId !== identifierNca) return false;
  return identifierNca === bare.directoryAuthority;
}

/** Who vouches for the TPP's PSD2 roles: its certificate's QCStatement, and its software statement when it has one. */
export interface RoleEvidence {
  readonly certificate: readonly Psd2Role[];
  /** Undefined when the registration has no software statement. */
  readonly softwareStatement?: readonly Psd2Role[];
}

function missingRoles(needed: readonly Psd2Role[], evidence: RoleEvidence): string | undefined {
  if (needed.length === 0) return undefined;
  const inCertificate = needed.filter((role) => evidence.certificate.includes(role));
  if (inCertificate.length === 0) return `the certificate carries none of ${needed.join(', ')}`;
  const statement = evidence.softwareStatement;
  if (statement !== undefined && !inCertificate.some((role) => statement.includes(role))) {
    return `the software statement software_roles grant none of ${inCertificate.join(', ')}`;
  }
  return undefined;
}

/**
 * The scope a registration gets (ETSI TS 119 495 roles, UK OB / STET scopes): the requested scope when the profile
 * offers every value and the certificate's roles and the software statement's roles both cover it (never more than
 * asked); all the scope they cover when none is requested. A value not offered or not covered is refused with
 * `invalid_client_metadata` rather than dropped, so that the TPP learns why.
 */
export function registrableScope(requested: string | undefined, offered: ScopeRoles, evidence: RoleEvidence): string {
  if (requested === undefined) {
    const covered = Object.entries(offered).filter(([, roles]) => missingRoles(roles, evidence) === undefined);
    if (covered.length === 0) {
      throw invalidClientMetadata('No scope can be granted: the certificate and software statement roles cover none', 'psd2_role_missing');
    }
    return covered.map(([scope]) => scope).join(' ');
  }
  const values = [...new Set(requested.split(' '))];
  for (const value of values) {
    const roles = Object.hasOwn(offered, value) ? offered[value] : undefined;
    if (roles === undefined) {
      throw invalidClientMetadata(`The scope ${value} is not offered; use ${Object.keys(offered).join(', ')}`);
    }
    const missing = missingRoles(roles, evidence);
    if (missing !== undefined) throw invalidClientMetadata(`The scope ${value} needs a PSD2 role: ${missing}`, 'psd2_role_missing');
  }
  return values.join(' ');
}
