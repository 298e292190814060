import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS, type ReasonKey } from '../../src/errors/reason-catalogue.js';
import { clientCredentialsToken, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { validUkConsentBody } from '../consent/uk-consent-bodies.js';
import { createUkConsent, signUkBody, type UkConsentResponse } from '../support/uk-consent-client.js';
import { clientSigningKey } from '../support/tpp-fixtures.js';

const OB = 'http://openbanking.org.uk';
const RESOURCE = 'domestic-payment-consents';

describe('UK consent API message signing (uk-ob)', () => {
  let fixture: AuthorizationFixture;
  let token: string;
  const body = validUkConsentBody(RESOURCE, 'v4.0', new Date());
  const text = JSON.stringify(body);

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
    token = await clientCredentialsToken(fixture, fixture.a, 'payments');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const post = (signature: string | null) => createUkConsent(fixture, fixture.a, RESOURCE, 'v4.0', body, { token, signature });

  function expectSignatureError(response: UkConsentResponse, reason: ReasonKey, path: string): void {
    expect(response.status, response.text).toBe(400);
    expect(response.json?.['Errors']).toEqual([expect.objectContaining({ ErrorCode: REASONS[reason].uk.code, Path: path })]);
  }

  /** Verifies an obas response signature over the body with the published JWKS. */
  async function verifyResponseSignature(response: UkConsentResponse): Promise<Record<string, unknown>> {
    const signature = response.headers.get('x-jws-signature') ?? '';
    const [header, , value] = signature.split('.');
    const jwks = (await (await undiciFetch(`${fixture.server.issuer}/jwks`, { dispatcher: fixture.bare })).json()) as JSONWebKeySet;
    const crit = { [`${OB}/iat`]: true, [`${OB}/iss`]: true, [`${OB}/tan`]: true };
    const compact = `${header ?? ''}.${Buffer.from(response.text).toString('base64url')}.${value ?? ''}`;
    await compactVerify(compact, createLocalJWKSet(jwks), { algorithms: ['PS256'], crit });
    return decodeProtectedHeader(compact) as Record<string, unknown>;
  }

  it('accepts a body signed by the client (PS256) and signs its answer', async () => {
    const response = await post(await signUkBody(fixture.a, text));
    expect(response.status, response.text).toBe(201);
    const header = await verifyResponseSignature(response);
    expect(header).toMatchObject({ alg: 'PS256', [`${OB}/iss`]: fixture.server.issuer, [`${OB}/tan`]: new URL(fixture.server.issuer).host });
    expect(header['crit']).toEqual([`${OB}/iat`, `${OB}/iss`, `${OB}/tan`]);
    expect(header).not.toHaveProperty('b64');
  });

  it('accepts an ES256 signature and the issuer host as trust anchor', async () => {
    const tokenB = await clientCredentialsToken(fixture, fixture.b, 'payments');
    const signature = await signUkBody(fixture.b, text, { [`${OB}/tan`]: new URL(fixture.server.issuer).host });
    const response = await createUkConsent(fixture, fixture.b, RESOURCE, 'v3.1', validUkConsentBody(RESOURCE, 'v3.1', new Date()), { token: tokenB });
    expect(response.status, response.text).toBe(201);
    expect((await createUkConsent(fixture, fixture.b, RESOURCE, 'v4.0', body, { token: tokenB, signature })).status).toBe(201);
  });

  it('signs error answers of payment consents too', async () => {
    const response = await post(null);
    expect(response.status).toBe(400);
    await verifyResponseSignature(response);
  });

  it('refuses a request without x-jws-signature (U019)', async () => {
    expectSignatureError(await post(null), 'signature_missing', 'x-jws-signature');
  });

  it.each([
    ['not a JWS', 'abc'],
    ['an attached JWS', 'eyJhbGciOiJQUzI1NiJ9.e30.c2ln'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}..c2ln`],
  ])('refuses %s (U018)', async (_name, signature) => {
    expectSignatureError(await post(signature), 'signature_malformed', 'x-jws-signature');
  });

  it('refuses a signature by another key under the client kid, or over another body (U015)', async () => {
    const impostor = { ...fixture.a, key: { ...(await clientSigningKey('PS256', fixture.a.key.kid)) } };
    expectSignatureError(await post(await signUkBody(impostor, text)), 'signature_invalid', 'x-jws-signature');
    expectSignatureError(await post(await signUkBody(fixture.a, `${text} `)), 'signature_invalid', 'x-jws-signature');
  });

  it.each([
    ['iss', `${OB}/iss`],
    ['iat', `${OB}/iat`],
    ['tan', `${OB}/tan`],
    ['crit', 'crit'],
    ['kid', 'kid'],
  ])('refuses a header without %s (U017)', async (_name, claim) => {
    const crit = claim.startsWith(OB) ? { crit: [`${OB}/iat`, `${OB}/iss`, `${OB}/tan`].filter((name) => name !== claim) } : {};
    const signature = await signUkBody(fixture.a, text, { [claim]: undefined, ...crit });
    expectSignatureError(await post(signature), 'signature_claim_missing', claim);
  });

  it.each([
    ['iss of another client', { [`${OB}/iss`]: 'tpp-b' }, `${OB}/iss`],
    ['an untrusted tan', { [`${OB}/tan`]: 'directory.example' }, `${OB}/tan`],
    ['iat in the future', { [`${OB}/iat`]: Math.floor(Date.now() / 1000) + 3600 }, `${OB}/iat`],
    ['iat that is not a number', { [`${OB}/iat`]: '1700000000' }, `${OB}/iat`],
    ['typ other than JOSE', { typ: 'JWT' }, 'typ'],
    ['cty other than JSON', { cty: 'text/plain' }, 'cty'],
    ['a kid the client did not register', { kid: 'unknown-kid' }, 'kid'],
    ['b64 (dropped in v3.1.4)', { b64: false, crit: ['b64', `${OB}/iat`, `${OB}/iss`, `${OB}/tan`] }, 'b64'],
    ['crit without tan', { crit: [`${OB}/iat`, `${OB}/iss`] }, 'crit'],
  ])('refuses a header with %s (U016)', async (_name, header, path) => {
    expectSignatureError(await post(await signUkBody(fixture.a, text, header)), 'signature_claim_invalid', path);
  });

  it('neither asks nor gives a signature on account access consents', async () => {
    const tokenAis = await clientCredentialsToken(fixture, fixture.a, 'accounts');
    const response = await createUkConsent(fixture, fixture.a, 'account-access-consents', 'v3.1', undefined, { token: tokenAis, signature: null });
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('x-jws-signature')).toBeNull();
  });
});

describe('UK consent API without message signing (fapi2)', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it.each(['v3.1', 'v4.0'] as const)('creates a payment consent without x-jws-signature and signs nothing (%s)', async (version) => {
    const response = await createUkConsent(fixture, fixture.a, RESOURCE, version, undefined, { signature: null });
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('x-jws-signature')).toBeNull();
  });
});
