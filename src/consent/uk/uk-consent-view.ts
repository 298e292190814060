import { REASONS, type ReasonKey } from '../../errors/reason-catalogue.js';
import { isRecord } from '../../shared/is-record.js';
import type { ConsentRecord, UkApiVersion } from '../../storage/ports.js';
import type { UkConsentResourceSpec } from './uk-consent-api.js';
import { ukConsentStatus } from './uk-consent-status.js';

/**
 * The UK OB response body of a consent resource (OBReadConsentResponse1, OBWriteDomesticConsentResponse5,
 * OBWriteDomesticScheduledConsentResponse5, OBWriteDomesticStandingOrderConsentResponse6,
 * OBFundsConfirmationConsentResponse1; v3.1.11 and v4.0): `Data` is the stored request `Data` as received plus
 * `ConsentId`, `Status`, `CreationDateTime`, `StatusUpdateDateTime` and, in v4.0, `StatusReason` (an array, empty
 * when no reason was recorded: the read/write profile wants 0..* arrays present); `Risk` as received; `Links.Self`
 * the absolute URL of the resource; `Meta` empty. Optional ASPSP-computed members (`CutOffDateTime`,
 * `ExpectedExecutionDateTime`, `Charges`, `Debtor`) are left out: obas does not know them.
 */
export function ukConsentView(consent: ConsentRecord, version: UkApiVersion, spec: UkConsentResourceSpec, selfUrl: string): Record<string, unknown> {
  const stored = isRecord(consent.details['Data']) ? consent.details['Data'] : {};
  const risk = consent.details['Risk'];
  return {
    Data: {
      ...stored,
      ConsentId: consent.consentId,
      Status: ukConsentStatus(consent.status, version, spec),
      ...(version === 'v4.0' ? { StatusReason: statusReasons(consent.statusReason) } : {}),
      CreationDateTime: consent.createdAt.toISOString(),
      StatusUpdateDateTime: consent.statusUpdatedAt.toISOString(),
    },
    ...(spec.risk ? { Risk: isRecord(risk) ? risk : {} } : {}),
    Links: { Self: selfUrl },
    Meta: {},
  };
}

/** v4.0 `StatusReason`: the OBExternalStatusReason1Code of the recorded reason and what it means. */
function statusReasons(reason: string | undefined): Array<Record<string, string>> {
  if (reason === undefined || !Object.hasOwn(REASONS, reason)) return [];
  const entry = REASONS[reason as ReasonKey];
  return [{ StatusReasonCode: entry.uk.code, StatusReasonDescription: entry.when }];
}
