import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** Consents: the lifecycle, its refusals and its status reasons. */
export const CONSENT_REASONS = {
  consent_unknown: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'No consent with that ConsentId exists for this client (another client\'s consent is not disclosed)',
  },
  consent_not_owned: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The consent was created by another client (403)',
  },
  idempotency_key_reused: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('AM05', 'Duplication'),
    when: 'The x-idempotency-key was used within 24 hours with another request body',
  },
  consent_status_invalid: {
    uk: uk('U009', 'UK.OBIE.Resource.InvalidConsentStatus'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The consent is not in a status that allows the operation (e.g. consuming a consent that is not Authorised)',
  },
  consent_revoked: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'The consent behind the code or refresh token was revoked by the PSU, the TPP or an operator',
  },
  consent_expired: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'The consent behind the code or refresh token has expired (its ExpirationDateTime passed)',
  },
  consent_consumed: {
    uk: uk('U009', 'UK.OBIE.Resource.InvalidConsentStatus'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The payment consent was consumed: it mints no new tokens',
  },
  consent_revoked_by_tpp: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: the TPP deleted the consent',
  },
  consent_revoked_by_psu: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: the PSU revoked the consent on the consent dashboard',
  },
  consent_revoked_by_operator: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: an operator revoked the consent (`obas consents revoke`)',
  },
  authorisation_window_passed: {
    uk: uk('U036', 'Authorisation not completed'),
    stet: iso('AB05', 'TimeoutCreditorAgent'),
    when: 'Status reason: the PSU did not authorise the consent within its interaction window',
  },
  consent_consumed_by_resource_server: {
    uk: uk('U038', 'Consent consumed successfully'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'Status reason: the resource server used the payment consent',
  },
} as const satisfies Record<string, ReasonCodes>;
