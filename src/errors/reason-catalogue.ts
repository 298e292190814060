/**
 * The reason catalogue: every failure obas can report, with the open banking code each dialect puts in
 * `error_description`. UK codes are OBExternalStatusReason1Code values (UK OB read/write data API v4, "Errors");
 * STET codes are the ISO 20022 external status reasons STET/CFONB use. Source: `../shared/reference/*.csv`.
 */
import { REQUEST_REASONS } from './reasons/request.reasons.js';
import { CLIENT_AUTH_REASONS } from './reasons/client-auth.reasons.js';
import { REGISTRATION_REASONS } from './reasons/registration.reasons.js';
import { AUTHORIZATION_REASONS } from './reasons/authorization.reasons.js';
import { TOKEN_REASONS } from './reasons/token.reasons.js';
import { CONSENT_REASONS } from './reasons/consent.reasons.js';
import { CONSENT_API_REASONS } from './reasons/consent-api.reasons.js';
import { CIBA_REASONS } from './reasons/ciba.reasons.js';
import { DPOP_REASONS } from './reasons/dpop.reasons.js';

import type { ReasonCodes } from './reasons/reason-codes.js';

export type { ReasonCodes };

/** Reason key → codes per dialect, by area. Keys are stable identifiers used in code and logs. */
export const REASONS = {
  ...REQUEST_REASONS,
  ...CLIENT_AUTH_REASONS,
  ...REGISTRATION_REASONS,
  ...AUTHORIZATION_REASONS,
  ...TOKEN_REASONS,
  ...CONSENT_REASONS,
  ...CONSENT_API_REASONS,
  ...CIBA_REASONS,
  ...DPOP_REASONS,
} as const;

/** A stable reason identifier. */
export type ReasonKey = keyof typeof REASONS;

/** How reason codes are written into `error_description` (profile knob `reasonCodeDialect`). */
export type ReasonCodeDialect = 'none' | 'uk-ob' | 'stet';

/**
 * Renders the public `error_description` for a dialect: `"<code> <name>: <description>"` for UK OB and STET,
 * the bare description for `none`.
 */
export function describeWithReason(description: string, reason: ReasonKey | undefined, dialect: ReasonCodeDialect): string {
  if (reason === undefined || dialect === 'none') return description;
  const codes: ReasonCodes = REASONS[reason];
  const entry = dialect === 'uk-ob' ? codes.uk : codes.stet;
  return `${entry.code} ${entry.name}: ${description}`;
}
