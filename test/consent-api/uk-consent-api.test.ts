import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { REASONS, type ReasonKey } from '../../src/errors/reason-catalogue.js';
import { clientCredentialsToken, startAuthorizationFixture, type AuthorizationFixture, type TppClient } from '../authorization/authorization-fixture.js';
import { UK_CONSENT_CASES, validUkConsentBody, type UkVersion } from '../consent/uk-consent-bodies.js';
import { INVALID_UK_CONSENT_REQUESTS } from '../consent/uk-invalid-requests.js';
import { createUkConsent, ukConsentRequest, ukConsentScope, ukConsentUrl, type UkConsentResponse } from '../support/uk-consent-client.js';
import { consentResponseProblems, errorResponseProblems } from './uk-response-schemas.js';

let fixture: AuthorizationFixture;
const tokens = new Map<string, Promise<string>>();

/** A cached client_credentials token of `client` with the resource's scope. */
function tokenFor(client: TppClient, resource: UkConsentResource): Promise<string> {
  const key = `${client.clientId} ${ukConsentScope(resource)}`;
  let token = tokens.get(key);
  if (token === undefined) {
    token = clientCredentialsToken(fixture, client, ukConsentScope(resource));
    tokens.set(key, token);
  }
  return token;
}

function consentIdOf(response: UkConsentResponse): string {
  return String((response.json?.['Data'] as Record<string, unknown> | undefined)?.['ConsentId']);
}

async function readConsent(client: TppClient, resource: UkConsentResource, version: UkVersion, consentId: string, method = 'GET') {
  const token = await tokenFor(client, resource);
  return ukConsentRequest(`${ukConsentUrl(fixture, resource, version)}/${consentId}`, client.agent, { method, headers: { authorization: `Bearer ${token}` } });
}

/** Expects a UK error body of `version` with this status, reason and (when given) path in `Errors[0]`. */
function expectUkError(response: UkConsentResponse, version: UkVersion, status: number, reason: ReasonKey, path?: string): void {
  expect(response.status, response.text).toBe(status);
  expect(errorResponseProblems(version, response.json)).toEqual([]);
  const codes = REASONS[reason].uk;
  const first = (response.json?.['Errors'] as Array<Record<string, unknown>>)[0];
  expect(first).toMatchObject({ ErrorCode: version === 'v3.1' ? codes.name : codes.code, ...(path === undefined ? {} : { Path: path }) });
  expect(response.json).toMatchObject({ Code: expect.stringMatching(new RegExp(`^${status} `)), Id: expect.any(String), Message: expect.any(String) });
}

beforeAll(async () => {
  fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
});

afterAll(async () => {
  await fixture?.close();
});

describe.each(UK_CONSENT_CASES)('UK consent API: %s %s', (resource, version) => {
  const deletable = resource === 'account-access-consents' || resource === 'funds-confirmation-consents';
  const awaiting = version === 'v3.1' ? 'AwaitingAuthorisation' : 'AWAU';
  let created: UkConsentResponse;

  beforeAll(async () => {
    created = await createUkConsent(fixture, fixture.a, resource, version, validUkConsentBody(resource, version, new Date()), { token: await tokenFor(fixture.a, resource) });
  });

  it('creates the consent (201) in the official response shape', () => {
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(consentResponseProblems(resource, version, created.json)).toEqual([]);
    const id = consentIdOf(created);
    expect(created.json).toMatchObject({ Data: { Status: awaiting }, Links: { Self: `${ukConsentUrl(fixture, resource, version)}/${id}` }, Meta: {} });
  });

  it('reads it back (200) with the same content', async () => {
    const read = await readConsent(fixture.a, resource, version, consentIdOf(created));
    expect(read.status, read.text).toBe(200);
    expect(consentResponseProblems(resource, version, read.json)).toEqual([]);
    expect(read.json).toEqual(created.json);
  });

  it(deletable ? 'deletes it (204), after which it reads as revoked' : 'offers no DELETE (405)', async () => {
    const deleted = await readConsent(fixture.a, resource, version, consentIdOf(created), 'DELETE');
    if (!deletable) {
      expect(deleted.status).toBe(405);
      expect(deleted.headers.get('allow')).toBe('GET');
      expect(errorResponseProblems(version, deleted.json)).toEqual([]);
      expect(deleted.json).toMatchObject({ Code: '405 MethodNotAllowed' });
      return;
    }
    expect(deleted.status, deleted.text).toBe(204);
    const read = await readConsent(fixture.a, resource, version, consentIdOf(created));
    expect(consentResponseProblems(resource, version, read.json)).toEqual([]);
    expect(read.json).toMatchObject({ Data: { Status: version === 'v3.1' ? 'Revoked' : 'CANC' } });
    if (version === 'v4.0') {
      expect(read.json).toMatchObject({ Data: { StatusReason: [{ StatusReasonCode: REASONS.consent_revoked_by_tpp.uk.code }] } });
    }
    expect((await readConsent(fixture.a, resource, version, consentIdOf(created), 'DELETE')).status).toBe(204);
  });

  it('refuses it to another client (403) and answers an unknown ConsentId with 400 U011', async () => {
    expectUkError(await readConsent(fixture.b, resource, version, consentIdOf(created)), version, 403, 'consent_not_owned');
    expectUkError(await readConsent(fixture.a, resource, version, 'obc-unknown'), version, 400, 'consent_unknown', 'ConsentId');
  });

  it('does not show it through the other release', async () => {
    const other = version === 'v3.1' ? 'v4.0' : 'v3.1';
    expectUkError(await readConsent(fixture.a, resource, other, consentIdOf(created)), other, 400, 'consent_unknown', 'ConsentId');
  });
});

describe('UK consent API: invalid requests', () => {
  it.each(INVALID_UK_CONSENT_REQUESTS.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const response = await createUkConsent(fixture, fixture.a, entry.resource, entry.version, entry.body, { token: await tokenFor(fixture.a, entry.resource) });
    expectUkError(response, entry.version, 400, entry.reason, entry.path);
  });
});

describe('UK consent API: access', () => {
  const resource = 'domestic-payment-consents';

  it('answers a request without a token, or with an unknown one, 401 with a challenge and no body', async () => {
    const url = ukConsentUrl(fixture, resource, 'v4.0');
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
      const response = await ukConsentRequest(`${url}/obc-x`, fixture.a.agent, { method: 'GET', headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(response.text).toBe('');
    }
  });

  it.each(['v3.1', 'v4.0'] as const)('refuses a token without the resource scope with 403 (%s)', async (version) => {
    const token = await tokenFor(fixture.a, 'account-access-consents');
    const response = await createUkConsent(fixture, fixture.a, resource, version, undefined, { token });
    expectUkError(response, version, 403, 'access_token_scope');
    expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it('refuses a token presented over another certificate (401)', async () => {
    const token = await tokenFor(fixture.a, resource);
    const response = await createUkConsent(fixture, fixture.a, resource, 'v4.0', undefined, { token, agent: fixture.b.agent });
    expect(response.status).toBe(401);
  });

  it('refuses a body that is not application/json (415) and an Accept without JSON (406)', async () => {
    const token = await tokenFor(fixture.a, resource);
    const text = await createUkConsent(fixture, fixture.a, resource, 'v4.0', undefined, { token, headers: { 'content-type': 'text/plain' } });
    expectUkError(text, 'v4.0', 415, 'media_type_unsupported', 'Content-Type');
    const html = await createUkConsent(fixture, fixture.a, resource, 'v3.1', undefined, { token, headers: { accept: 'text/html' } });
    expectUkError(html, 'v3.1', 406, 'media_type_not_acceptable', 'Accept');
  });
});

describe('UK consent API: idempotency of payment consents', () => {
  const resource = 'domestic-scheduled-payment-consents';
  const body = validUkConsentBody(resource, 'v4.0', new Date());

  it('answers the same key and body with the same consent (201)', async () => {
    const token = await tokenFor(fixture.a, resource);
    const first = await createUkConsent(fixture, fixture.a, resource, 'v4.0', body, { token, idempotencyKey: 'idem-same-1' });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), undefined, 2);
    const again = await createUkConsent(fixture, fixture.a, resource, 'v4.0', body, { token, idempotencyKey: 'idem-same-1', rawBody: reordered });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(consentIdOf(again)).toBe(consentIdOf(first));
  });

  it('refuses the same key with another body (400 U006)', async () => {
    const token = await tokenFor(fixture.a, resource);
    const other = validUkConsentBody(resource, 'v4.0', new Date(Date.now() + 86_400_000));
    expect((await createUkConsent(fixture, fixture.a, resource, 'v4.0', body, { token, idempotencyKey: 'idem-other-1' })).status).toBe(201);
    const reused = await createUkConsent(fixture, fixture.a, resource, 'v4.0', other, { token, idempotencyKey: 'idem-other-1' });
    expectUkError(reused, 'v4.0', 400, 'idempotency_key_reused', 'x-idempotency-key');
  });

  it('requires an x-idempotency-key of at most 40 characters without white space', async () => {
    const token = await tokenFor(fixture.a, resource);
    const missing = await createUkConsent(fixture, fixture.a, resource, 'v3.1', undefined, { token, idempotencyKey: null });
    expectUkError(missing, 'v3.1', 400, 'header_missing', 'x-idempotency-key');
    for (const key of ['k'.repeat(41), 'two words']) {
      const invalid = await createUkConsent(fixture, fixture.a, resource, 'v3.1', undefined, { token, idempotencyKey: key });
      expectUkError(invalid, 'v3.1', 400, 'header_invalid', 'x-idempotency-key');
    }
  });

  it('keys the window per client: another client may use the same key', async () => {
    const first = await createUkConsent(fixture, fixture.a, resource, 'v4.0', body, { token: await tokenFor(fixture.a, resource), idempotencyKey: 'idem-shared' });
    const second = await createUkConsent(fixture, fixture.b, resource, 'v4.0', body, { token: await tokenFor(fixture.b, resource), idempotencyKey: 'idem-shared' });
    expect(second.status, second.text).toBe(201);
    expect(consentIdOf(second)).not.toBe(consentIdOf(first));
  });
});
