import type { ScopeRoles } from '../config/config.types.js';
import type { Psd2Role } from '../pki/client-certificate.js';
import { invalidClientMetadata } from './registration-errors.js';

const PSD2_ORGANIZATION_IDENTIFIER = /^PSD[A-Z]{2}-[A-Z]{2,8}-(.+)$/;

/**
 * Whether a directory's `org_id` names the organisation of a certificate's `organizationIdentifier` (ETSI TS 119 495
 * §5.2.1, e.g. `PSDGB-FCA-123456`). They agree when they are equal, or when `org_id` is the authorisation number the
 * identifier ends with (`123456`), which is how national registers and some directories write it. Comparison is exact.
 */
export function organisationsAgree(orgId: string, organizationIdentifier: string | undefined): boolean {
  if (organizationIdentifier === undefined) return false;
  if (orgId === organizationIdentifier) return true;
  return PSD2_ORGANIZATION_IDENTIFIER.exec(organizationIdentifier)?.[1] === orgId;
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
