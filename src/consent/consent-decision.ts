import { randomUUID } from 'node:crypto';
import type { ConsentRecord, TransactionalRepositories } from '../storage/ports.js';

/** What the PSU decided on the consent page: who, and which of their accounts. */
export interface PsuDecision {
  readonly subject: string;
  readonly accounts: readonly string[];
}

/** The authorization the PSU decided on: the client, the staged consent it named (if any), the scope. */
export interface DecidedAuthorization {
  readonly clientId: string;
  readonly consentId?: string;
  readonly scope: readonly string[];
}

/**
 * The consent the PSU just authorised, inside the approval's unit of work (the consent lifecycle's part of it): the
 * staged consent moves from AwaitingAuthorisation to Authorised with the PSU's choices, expiring after
 * `consentSeconds` when the TPP set no ExpirationDateTime (undefined when it can no longer be authorised); without a
 * staged consent (STET, FAPI 2.0), a new `authorization` consent records the scope, so every authorization has one.
 */
export async function authoriseConsent(
  repositories: Pick<TransactionalRepositories, 'consents'>,
  authorization: DecidedAuthorization,
  decision: PsuDecision,
  consentSeconds: number,
  now: Date,
): Promise<ConsentRecord | undefined> {
  const expiresAt = new Date(now.getTime() + consentSeconds * 1000);
  const { clientId, consentId } = authorization;
  if (consentId !== undefined) {
    const change = { from: ['AwaitingAuthorisation'] as const, to: 'Authorised' as const, clientId, decision, expiresAtUnlessSet: expiresAt };
    return repositories.consents.transition(consentId, change, now);
  }
  const consent: ConsentRecord = {
    consentId: `obc-${randomUUID()}`,
    clientId,
    kind: 'authorization',
    status: 'Authorised',
    details: { scope: authorization.scope.join(' ') },
    createdAt: now,
    statusUpdatedAt: now,
    expiresAt,
    authorisationExpiresAt: now,
    subject: decision.subject,
    accounts: decision.accounts,
  };
  await repositories.consents.insert(consent);
  return consent;
}

/** The PSU denied the staged consent: AwaitingAuthorisation → Rejected (`psu_denied`), once. */
export async function rejectConsent(
  repositories: Pick<TransactionalRepositories, 'consents'>,
  authorization: DecidedAuthorization & { readonly consentId: string },
  subject: string,
  now: Date,
): Promise<void> {
  const change = {
    from: ['AwaitingAuthorisation'] as const,
    to: 'Rejected' as const,
    reason: 'psu_denied',
    clientId: authorization.clientId,
    decision: { subject, accounts: [] },
  };
  await repositories.consents.transition(authorization.consentId, change, now);
}
