import { createHash } from 'node:crypto';

const NCA_ID = /^([A-Z]{2})-([A-Z]{2,8})$/;
const ORGANIZATION_IDENTIFIER = /^PSD[A-Z]{2}-[A-Z]{2,8}-[^\s]+$/;

/** The NCA of the UK, used when no other is given. */
export const DEFAULT_NCA = { name: 'Financial Conduct Authority', id: 'GB-FCA' } as const;

/**
 * Splits an NCAId (ETSI TS 119 495 §5.2.3: two-letter country, `-`, 2-8 letter NCA identifier, e.g. `GB-FCA`).
 * Throws a plain Error when it does not have that form.
 */
export function parseNcaId(ncaId: string): { readonly country: string; readonly authority: string } {
  const match = NCA_ID.exec(ncaId);
  if (match === null) throw new Error(`NCA id "${ncaId}" must look like GB-FCA (country, "-", 2 to 8 capital letters)`);
  return { country: match[1] as string, authority: match[2] as string };
}

/**
 * Checks an organizationIdentifier against the PSD2 semantics identifier of ETSI TS 119 495 §5.2.1
 * (`PSD` + country + `-` + NCA identifier + `-` + authorisation number, e.g. `PSDGB-FCA-123456`). Throws a plain Error.
 */
export function checkOrganizationIdentifier(organizationIdentifier: string): string {
  if (!ORGANIZATION_IDENTIFIER.test(organizationIdentifier)) {
    throw new Error(`Organization identifier "${organizationIdentifier}" must look like PSDGB-FCA-123456 (ETSI TS 119 495)`);
  }
  return organizationIdentifier;
}

/**
 * A stable organizationIdentifier for an organisation registered with an NCA: `PSD<country>-<NCA>-<6 digits>`, the
 * digits derived from the organisation name so that re-issuing for the same organisation keeps the identifier.
 */
export function deriveOrganizationIdentifier(organization: string, ncaId: string): string {
  const { country, authority } = parseNcaId(ncaId);
  const digits = (createHash('sha256').update(organization).digest().readUInt32BE(0) % 1_000_000).toString().padStart(6, '0');
  return `PSD${country}-${authority}-${digits}`;
}
