import type { PsuSession } from '../authorization/interaction-session.js';
import type { FoundToken } from '../tokens/token-lookup.js';
import type { AuditFacts } from '../protocol/endpoint.types.js';

/** The audit facts of a PSU session: its client (none for the dashboard) and the PSU, once they signed in. */
export function psuSessionFacts(session: PsuSession): AuditFacts {
  const { clientId, subject } = session.interaction;
  return { ...(clientId === '' ? {} : { clientId }), ...(subject === undefined ? {} : { subject }) };
}

/** The audit fact of the consent an authorization request names (UK `openbanking_intent_id`), if any. */
export const intentFacts = (intentId: string | undefined): AuditFacts => (intentId === undefined ? {} : { consentId: intentId });

/** The PSU a token acts for (absent for a client's own token). */
export const subjectOf = (found: FoundToken): string | undefined => (found.kind === 'access_token' ? found.record.subject : found.grant?.subject);

/** The audit facts of a token obas was shown (introspected, revoked): the PSU and consent it acts for, if any. */
export function tokenFacts(found: FoundToken): AuditFacts {
  const subject = subjectOf(found);
  return { ...(subject === undefined ? {} : { subject }), ...intentFacts(found.grant?.intentId) };
}
