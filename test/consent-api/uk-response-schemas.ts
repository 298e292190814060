import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import type { UkVersion } from '../consent/uk-consent-bodies.js';

/** The official response schema of each resource (stripped copies in test/fixtures/uk-ob-schemas). */
const RESPONSE_SCHEMAS: Readonly<Record<UkConsentResource, string>> = {
  'account-access-consents': 'OBReadConsentResponse1',
  'domestic-payment-consents': 'OBWriteDomesticConsentResponse5',
  'domestic-scheduled-payment-consents': 'OBWriteDomesticScheduledConsentResponse5',
  'domestic-standing-order-consents': 'OBWriteDomesticStandingOrderConsentResponse6',
  'funds-confirmation-consents': 'OBFundsConfirmationConsentResponse1',
};

const ajv = new Ajv({ allErrors: true, strict: false });
formats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

function validator(version: UkVersion, name: string): ValidateFunction {
  const key = `${version}-${name}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const file = resolve(import.meta.dirname, `../fixtures/uk-ob-schemas/${key}.json`);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** The schema violations of a consent response body (empty when valid). */
export function consentResponseProblems(resource: UkConsentResource, version: UkVersion, body: unknown): string[] {
  const validate = validator(version, RESPONSE_SCHEMAS[resource]);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** The schema violations of an error response body (OBErrorResponse1 of the release). */
export function errorResponseProblems(version: UkVersion, body: unknown): string[] {
  const validate = validator(version, 'OBErrorResponse1');
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
