import { describe, expect, it } from 'vitest';
import { MAX_FIELD_PROBLEMS, readUkConsentRequest, UK_CONSENT_KINDS, type UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { fullUkConsentBody, minimalUkConsentBody, UK_CONSENT_CASES, ukDateTime, validUkConsentBody, withMember, type UkVersion } from './uk-consent-bodies.js';
import { INVALID_UK_CONSENT_REQUESTS } from './uk-invalid-requests.js';

const now = new Date('2026-03-02T09:30:00Z');

function refusal(resource: UkConsentResource, version: UkVersion, body: unknown, at = now): OAuthError {
  try {
    readUkConsentRequest(resource, version, body, at);
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('readUkConsentRequest: valid requests', () => {
  const shapes = { minimal: minimalUkConsentBody, typical: validUkConsentBody, full: fullUkConsentBody };
  for (const [resource, version] of UK_CONSENT_CASES) {
    for (const [shape, build] of Object.entries(shapes)) {
      it(`accepts a ${shape} ${version} ${resource} body`, () => {
        const body = build(resource, version, now);
        const request = readUkConsentRequest(resource, version, body, now);
        expect(request.kind).toBe(UK_CONSENT_KINDS[resource]);
        expect(request.details.Data).toEqual(body['Data']);
        expect(request.details.Risk).toEqual(body['Risk'] ?? {});
      });
    }
  }

  it('returns Data.ExpirationDateTime as expiresAt, and none when absent', () => {
    const body = validUkConsentBody('account-access-consents', 'v4.0', now);
    expect(readUkConsentRequest('account-access-consents', 'v4.0', body, now).expiresAt).toEqual(new Date(ukDateTime(now, 90)));
    const minimal = minimalUkConsentBody('funds-confirmation-consents', 'v3.1', now);
    expect(readUkConsentRequest('funds-confirmation-consents', 'v3.1', minimal, now)).not.toHaveProperty('expiresAt');
  });

  it('accepts time zone offsets other than Z and fractions of a second', () => {
    const body = withMember(validUkConsentBody('account-access-consents', 'v3.1', now), 'Data.ExpirationDateTime', '2026-06-01T10:00:00.250-05:00');
    expect(readUkConsentRequest('account-access-consents', 'v3.1', body, now).expiresAt).toEqual(new Date('2026-06-01T15:00:00.250Z'));
  });

  it('accepts a transaction window of a single instant and a standing order with one payment day', () => {
    const ais = withMember(validUkConsentBody('account-access-consents', 'v4.0', now), 'Data.TransactionToDateTime', ukDateTime(now, -365));
    expect(() => readUkConsentRequest('account-access-consents', 'v4.0', withMember(ais, 'Data.TransactionFromDateTime', ukDateTime(now, -365)), now)).not.toThrow();
    const order = withMember(validUkConsentBody('domestic-standing-order-consents', 'v3.1', now), 'Data.Initiation.FinalPaymentDateTime', ukDateTime(now, 7));
    expect(() => readUkConsentRequest('domestic-standing-order-consents', 'v3.1', order, now)).not.toThrow();
  });

  it('accepts every Frequency form the release defines', () => {
    const v3 = ['EvryDay', 'EvryWorkgDay', 'IntrvlDay:15', 'IntrvlWkDay:02:05', 'WkInMnthDay:03:01', 'IntrvlMnthDay:06:-01', 'QtrDay:SCOTTISH'];
    for (const frequency of v3) {
      const body = withMember(validUkConsentBody('domestic-standing-order-consents', 'v3.1', now), 'Data.Initiation.Frequency', frequency);
      expect(() => readUkConsentRequest('domestic-standing-order-consents', 'v3.1', body, now), frequency).not.toThrow();
    }
    for (const type of ['WEEK', 'YEAR', 'ADHO', 'NotKnown', 'IntrvlMnthDay:01:28', 'QtrDay:ENGLISH']) {
      const body = withMember(validUkConsentBody('domestic-standing-order-consents', 'v4.0', now), 'Data.Initiation.MandateRelatedInformation.Frequency.Type', type);
      expect(() => readUkConsentRequest('domestic-standing-order-consents', 'v4.0', body, now), type).not.toThrow();
    }
  });

  it('accepts a payment without DebtorAccount (the PSU chooses the account) and in another ISO 4217 currency', () => {
    const body = withMember(validUkConsentBody('domestic-payment-consents', 'v4.0', now), 'Data.Initiation.DebtorAccount', undefined);
    expect(() => readUkConsentRequest('domestic-payment-consents', 'v4.0', withMember(body, 'Data.Initiation.InstructedAmount.Currency', 'EUR'), now)).not.toThrow();
  });
});

describe('readUkConsentRequest: refusals', () => {
  it.each(INVALID_UK_CONSENT_REQUESTS)('refuses $version $resource: $name', ({ resource, version, body, reason, path }) => {
    const error = refusal(resource, version, body, new Date());
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.reason).toBe(reason);
    expect(error.fields[0]).toMatchObject({ reason, ...(path === undefined ? {} : { path }) });
    expect(error.fields[0]?.message.length).toBeGreaterThan(0);
  });

  it('covers both releases and every resource in the shared table', () => {
    const pairs = new Set(INVALID_UK_CONSENT_REQUESTS.map(({ resource, version }) => `${version} ${resource}`));
    expect(pairs.size).toBe(UK_CONSENT_CASES.length);
  });

  it('refuses ExpirationDateTime equal to now', () => {
    const body = withMember(validUkConsentBody('account-access-consents', 'v3.1', now), 'Data.ExpirationDateTime', now.toISOString());
    expect(refusal('account-access-consents', 'v3.1', body).fields).toEqual([
      { reason: 'expiration_date_past', message: 'Must be in the future', path: 'Data.ExpirationDateTime' },
    ]);
  });

  it('refuses impossible calendar dates', () => {
    const body = withMember(validUkConsentBody('domestic-scheduled-payment-consents', 'v4.0', now), 'Data.Initiation.RequestedExecutionDateTime', '2027-02-30T10:00:00Z');
    expect(refusal('domestic-scheduled-payment-consents', 'v4.0', body).fields).toMatchObject([
      { reason: 'field_invalid_date', path: 'Data.Initiation.RequestedExecutionDateTime' },
    ]);
  });

  it('refuses an Amount given as a JSON number', () => {
    const body = withMember(validUkConsentBody('domestic-payment-consents', 'v3.1', now), 'Data.Initiation.InstructedAmount.Amount', 10.5);
    expect(refusal('domestic-payment-consents', 'v3.1', body).fields).toMatchObject([{ reason: 'field_invalid', path: 'Data.Initiation.InstructedAmount.Amount' }]);
  });

  it('checks every amount of a standing order', () => {
    let body = validUkConsentBody('domestic-standing-order-consents', 'v4.0', now);
    body = withMember(body, 'Data.Initiation.RecurringPaymentAmount.Amount', '0.00000');
    body = withMember(body, 'Data.Initiation.FirstPaymentAmount.Currency', 'ABC');
    expect(refusal('domestic-standing-order-consents', 'v4.0', body).fields).toMatchObject([
      { reason: 'currency_unsupported', path: 'Data.Initiation.FirstPaymentAmount.Currency' },
      { reason: 'amount_zero', path: 'Data.Initiation.RecurringPaymentAmount.Amount' },
    ]);
  });

  it('reports every problem of a request, each with its own reason and path', () => {
    let body = validUkConsentBody('domestic-scheduled-payment-consents', 'v3.1', now);
    body = withMember(body, 'Data.Initiation.InstructionIdentification', undefined);
    body = withMember(body, 'Data.Initiation.InstructedAmount.Currency', 'pounds');
    body = withMember(body, 'Data.Initiation.RequestedExecutionDateTime', ukDateTime(now, -1));
    body = withMember(body, 'Data.Initiation.Colour', 'blue');
    const error = refusal('domestic-scheduled-payment-consents', 'v3.1', body);
    expect(error.fields).toHaveLength(4);
    expect(error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'field_missing', path: 'Data.Initiation.InstructionIdentification' }),
        expect.objectContaining({ reason: 'currency_invalid', path: 'Data.Initiation.InstructedAmount.Currency' }),
        expect.objectContaining({ reason: 'execution_date_past', path: 'Data.Initiation.RequestedExecutionDateTime' }),
        expect.objectContaining({ reason: 'field_unexpected', path: 'Data.Initiation.Colour' }),
      ]),
    );
    expect(error.description).toMatch(/^Invalid domestic-scheduled-payment-consents request: .+ \(and 3 more\)$/);
  });

  it(`reports at most ${MAX_FIELD_PROBLEMS} problems`, () => {
    const extras = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`Extra${index}`, index]));
    const body = { ...validUkConsentBody('account-access-consents', 'v4.0', now), ...extras };
    expect(refusal('account-access-consents', 'v4.0', body).fields).toHaveLength(MAX_FIELD_PROBLEMS);
  });

  it('keeps the description within the RFC 6749 error_description characters whatever member names a client sends', () => {
    const body = { ...validUkConsentBody('account-access-consents', 'v3.1', now), 'Sneaky"\\\u00e9': 1 };
    const error = refusal('account-access-consents', 'v3.1', body);
    expect(error.description).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
    expect(error.fields[0]).toMatchObject({ reason: 'field_unexpected', path: 'Sneaky"\\\u00e9' });
  });

  it('does not carry members of the other release', () => {
    const v3Order = validUkConsentBody('domestic-standing-order-consents', 'v3.1', now);
    expect(refusal('domestic-standing-order-consents', 'v4.0', v3Order).fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'field_unexpected', path: 'Data.Initiation.Frequency' }),
        expect.objectContaining({ reason: 'field_missing', path: 'Data.Initiation.MandateRelatedInformation' }),
      ]),
    );
  });
});
