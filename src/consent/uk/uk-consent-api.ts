import type { UkApiVersion } from '../../storage/ports.js';
import type { UkConsentResource } from './uk-consent-resource.js';

/** The UK OB API a consent resource belongs to: Account and Transaction, Payment Initiation, Confirmation of Funds. */
export type UkApiGroup = 'aisp' | 'pisp' | 'cbpii';

/** What the consent API serves for one UK OB consent resource. */
export interface UkConsentResourceSpec {
  readonly resource: UkConsentResource;
  readonly group: UkApiGroup;
  /** The scope the client_credentials token must carry (UK OB read/write API profile, "Pre-conditions for TPPs"). */
  readonly scope: 'accounts' | 'payments' | 'fundsconfirmations';
  /** Whether the TPP may DELETE it (account-access and funds-confirmation consents). */
  readonly deletable: boolean;
  /**
   * Payment order consents: `x-idempotency-key` is required on POST, and with message signing on, requests carry and
   * responses bear an `x-jws-signature` (the OpenAPI files declare both on the pisp consent operations only).
   */
  readonly payment: boolean;
  /** Whether the response has a `Risk` section (all but funds confirmation). */
  readonly risk: boolean;
}

/** The releases served, as path segments: v3.1 (v3.1.11 schemas) and v4.0. */
export const UK_API_VERSIONS: readonly UkApiVersion[] = ['v3.1', 'v4.0'];

/** The consent resources of the consent API; nothing else (no international, file, VRP or payment submissions). */
export const UK_CONSENT_RESOURCES: readonly UkConsentResourceSpec[] = [
  { resource: 'account-access-consents', group: 'aisp', scope: 'accounts', deletable: true, payment: false, risk: true },
  { resource: 'domestic-payment-consents', group: 'pisp', scope: 'payments', deletable: false, payment: true, risk: true },
  { resource: 'domestic-scheduled-payment-consents', group: 'pisp', scope: 'payments', deletable: false, payment: true, risk: true },
  { resource: 'domestic-standing-order-consents', group: 'pisp', scope: 'payments', deletable: false, payment: true, risk: true },
  { resource: 'funds-confirmation-consents', group: 'cbpii', scope: 'fundsconfirmations', deletable: true, payment: false, risk: false },
];

/** `{basePath}/{version}/{group}/{resource}`: the resource collection path (UK OB "Resource URI Path Structure"). */
export function ukConsentCollectionPath(basePath: string, version: UkApiVersion, spec: UkConsentResourceSpec): string {
  return `${basePath}/${version}/${spec.group}/${spec.resource}`;
}
