import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationParameters,
  authorizeUrl,
  clientCredentialsToken,
  formOf,
  pkcePair,
  postAs,
  redeemCode,
  responseParameters,
  startAuthorizationFixture,
  type AuthorizationFixture,
  over,
} from '../authorization/authorization-fixture.js';
import { authorizeAsPsu } from '../support/psu-http.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { discover, postForm, tppAgent } from '../support/tpp-client.js';
import { tlsClient } from '../support/tpp-fixtures.js';
import { issueTppCertificate } from '../../src/pki/tpp-certificate.js';
import { ukConsentRequest, ukConsentUrl } from '../support/uk-consent-client.js';
import { validUkConsentBody } from '../consent/uk-consent-bodies.js';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

/** A DPoP key pair, its public JWK and RFC 7638 thumbprint. */
interface DpopKey {
  readonly pair: CryptoKeyPair;
  readonly jwk: Record<string, unknown>;
  readonly jkt: string;
}

async function dpopKey(alg: 'ES256' | 'PS256' = 'ES256'): Promise<DpopKey> {
  const pair = (await generateKeyPair(alg, { extractable: true })) as CryptoKeyPair;
  const jwk = await exportJWK(pair.publicKey);
  return { pair, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

/** A DPoP proof built by hand (RFC 9449 §4.2), every claim overridable; `signWith` signs with another key. */
async function handProof(key: DpopKey, claims: Record<string, unknown>, signWith: CryptoKey = key.pair.privateKey): Promise<string> {
  const alg = key.jwk['kty'] === 'EC' ? 'ES256' : 'PS256';
  return new SignJWT({ jti: randomUUID(), iat: Math.floor(Date.now() / 1000), ...claims })
    .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk: key.jwk as never })
    .sign(signWith);
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

describe('DPoP (RFC 9449) end to end with oauth4webapi, profile fapi2', () => {
  let fixture: AuthorizationFixture;
  let tokenUrl: string;
  const client: oauth.Client = { client_id: 'tpp-a', use_mtls_endpoint_aliases: true };

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
    tokenUrl = `${fixture.server.mtlsBaseUrl}/token`;
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const introspect = async (token: string) => (await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.resourceServer, new URLSearchParams({ token }).toString())).json;
  const clientCredentialsForm = (scope = 'accounts') => ({ grant_type: 'client_credentials', scope });
  const postToken = (form: Record<string, string>, proof?: string | string[]) =>
    postForm(tokenUrl, fixture.a.agent, new URLSearchParams({ client_id: 'tpp-a', ...form }).toString(), proof === undefined ? {} : { dpop: Array.isArray(proof) ? proof.join(', ') : proof });

  it('publishes the proof algorithms in discovery', () => {
    expect(fixture.as['dpop_signing_alg_values_supported']).toEqual(['PS256', 'ES256']);
  });

  it('client_credentials with a proof: token_type DPoP, cnf.jkt at introspection, no certificate binding', async () => {
    const key = await dpopKey();
    const DPoP = oauth.DPoP(client, key.pair);
    const response = await oauth.clientCredentialsGrantRequest(fixture.as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: 'accounts' }), { ...over(fixture.a.agent), DPoP });
    const tokens = await oauth.processClientCredentialsResponse(fixture.as, client, response);
    expect(tokens.token_type).toBe('dpop');
    expect(response.headers.get('dpop-nonce')).toBeNull();
    const introspection = await introspect(tokens.access_token);
    expect(introspection).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: key.jkt } });
    expect(introspection['cnf']).toEqual({ jkt: key.jkt });
  });

  it('without a proof the same client still gets a certificate-bound Bearer token', async () => {
    const response = await postToken(clientCredentialsForm());
    expect(response.json).toMatchObject({ token_type: 'Bearer' });
    expect(await introspect(String(response.json['access_token']))).toMatchObject({ token_type: 'Bearer', cnf: { 'x5t#S256': fixture.a.certificateThumbprint } });
  });

  it('authorization code with PAR: the proof at PAR binds the code (dpop_jkt), the exchange and refreshes are DPoP-bound', async () => {
    const key = await dpopKey();
    const DPoP = oauth.DPoP(client, key.pair);
    const { verifier, challenge } = await pkcePair();
    const parameters = formOf(authorizationParameters(fixture, fixture.a, challenge));
    const pushed = await oauth.pushedAuthorizationRequest(fixture.as, client, oauth.TlsClientAuth(), parameters, { ...over(fixture.a.agent), DPoP });
    const { request_uri } = await oauth.processPushedAuthorizationResponse(fixture.as, client, pushed);
    fixture.psu.clearCookies();
    const location = await authorizeAsPsu(fixture.psu, authorizeUrl(fixture, { client_id: 'tpp-a', request_uri }));
    const callback = oauth.validateAuthResponse(fixture.as, client, new URL(location), parameters['state']);
    const exchanged = await oauth.authorizationCodeGrantRequest(fixture.as, client, oauth.TlsClientAuth(), callback, fixture.a.redirectUri, verifier, { ...over(fixture.a.agent), DPoP });
    const tokens = await oauth.processAuthorizationCodeResponse(fixture.as, client, exchanged, { expectedNonce: String(parameters['nonce']) });
    expect(tokens.token_type).toBe('dpop');
    expect(await introspect(tokens.access_token)).toMatchObject({ active: true, token_type: 'DPoP', sub: 'psu-alice', cnf: { jkt: key.jkt } });
    expect(await introspect(String(tokens.refresh_token))).toMatchObject({ active: true, cnf: { 'x5t#S256': fixture.a.certificateThumbprint } });

    const withoutProof = await postToken({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) });
    expect(withoutProof.status).toBe(400);
    expect(withoutProof.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The grant is DPoP-bound; a refresh needs a DPoP proof' });

    const newKey = await dpopKey('PS256');
    const refreshed = await oauth.refreshTokenGrantRequest(fixture.as, client, oauth.TlsClientAuth(), String(tokens.refresh_token), {
      ...over(fixture.a.agent),
      DPoP: oauth.DPoP(client, newKey.pair),
    });
    const next = await oauth.processRefreshTokenResponse(fixture.as, client, refreshed);
    expect(next.token_type).toBe('dpop');
    expect(await introspect(next.access_token)).toMatchObject({ token_type: 'DPoP', cnf: { jkt: newKey.jkt } });
  });

  it('dpop_jkt sent at PAR without a proof binds the code too', async () => {
    const key = await dpopKey();
    const { verifier, challenge } = await pkcePair();
    const pushed = await postAs(fixture, '/par', fixture.a, formOf({ ...authorizationParameters(fixture, fixture.a, challenge), dpop_jkt: key.jkt }));
    expect(pushed.status).toBe(201);
    fixture.psu.clearCookies();
    const code = responseParameters(await authorizeAsPsu(fixture.psu, authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: String(pushed.json['request_uri']) }))).get('code') ?? '';
    const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: fixture.a.redirectUri };
    const response = await postToken(form, await handProof(key, { htm: 'POST', htu: tokenUrl }));
    expect(response.status).toBe(200);
    expect(response.json['token_type']).toBe('DPoP');
  });

  describe('conformance negatives at the token endpoint', () => {
    it('refuses a proof with a bad signature', async () => {
      const [key, other] = [await dpopKey(), await dpopKey()];
      const response = await postToken(clientCredentialsForm(), await handProof(key, { htm: 'POST', htu: tokenUrl }, other.pair.privateKey));
      expect(response.status).toBe(400);
      expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof signature does not verify with its jwk' });
    });

    it('refuses a proof of another method (htm)', async () => {
      const key = await dpopKey();
      const response = await postToken(clientCredentialsForm(), await handProof(key, { htm: 'GET', htu: tokenUrl }));
      expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof htm is not the method of the request' });
    });

    it('refuses a proof of another URI (htu), also the front-channel issuer', async () => {
      const key = await dpopKey();
      for (const htu of [`${fixture.server.mtlsBaseUrl}/par`, `${fixture.server.issuer}/token`]) {
        const response = await postToken(clientCredentialsForm(), await handProof(key, { htm: 'POST', htu }));
        expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof htu is not the URI of the request' });
      }
    });

    it('accepts a proof once and refuses its jti again', async () => {
      const key = await dpopKey();
      const proof = await handProof(key, { htm: 'POST', htu: tokenUrl });
      expect((await postToken(clientCredentialsForm(), proof)).status).toBe(200);
      const again = await postToken(clientCredentialsForm(), proof);
      expect(again.status).toBe(400);
      expect(again.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof was already used (jti)' });
    });

    it('refuses a stale iat (beyond 60 s plus skew) and one from the future', async () => {
      const key = await dpopKey();
      const now = Math.floor(Date.now() / 1000);
      const stale = await postToken(clientCredentialsForm(), await handProof(key, { htm: 'POST', htu: tokenUrl, iat: now - 120 }));
      expect(stale.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof is too old (iat)' });
      const future = await postToken(clientCredentialsForm(), await handProof(key, { htm: 'POST', htu: tokenUrl, iat: now + 120 }));
      expect(future.json['error']).toBe('invalid_dpop_proof');
    });

    it('refuses two DPoP headers', async () => {
      const key = await dpopKey();
      const proofs = [await handProof(key, { htm: 'POST', htu: tokenUrl }), await handProof(key, { htm: 'POST', htu: tokenUrl })];
      const response = await postToken(clientCredentialsForm(), proofs);
      expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The request must carry exactly one DPoP header' });
    });

    it('key mismatch: a code bound by dpop_jkt at PAR is refused with a proof of another key, and without a proof', async () => {
      const [key, other] = [await dpopKey(), await dpopKey()];
      const obtain = async () => {
        const { verifier, challenge } = await pkcePair();
        const pushed = await postAs(fixture, '/par', fixture.a, formOf({ ...authorizationParameters(fixture, fixture.a, challenge), dpop_jkt: key.jkt }));
        fixture.psu.clearCookies();
        const location = await authorizeAsPsu(fixture.psu, authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: String(pushed.json['request_uri']) }));
        return { code: responseParameters(location).get('code') ?? '', verifier };
      };
      const first = await obtain();
      const mismatched = await postToken(
        { grant_type: 'authorization_code', code: first.code, code_verifier: first.verifier, redirect_uri: fixture.a.redirectUri },
        await handProof(other, { htm: 'POST', htu: tokenUrl }),
      );
      expect(mismatched.status).toBe(400);
      expect(mismatched.json).toEqual({ error: 'invalid_grant', error_description: 'The DPoP proof key is not the dpop_jkt of the authorization request' });
      const second = await obtain();
      const missing = await redeemCode(fixture, fixture.a, second.code, second.verifier);
      expect(missing.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The authorization code is bound to a DPoP key; a DPoP proof is required' });
    });

    it('refuses a PAR whose dpop_jkt is not the key of its proof', async () => {
      const [key, other] = [await dpopKey(), await dpopKey()];
      const { challenge } = await pkcePair();
      const form = new URLSearchParams({ client_id: 'tpp-a', ...formOf({ ...authorizationParameters(fixture, fixture.a, challenge), dpop_jkt: other.jkt }) });
      const response = await postForm(`${fixture.server.mtlsBaseUrl}/par`, fixture.a.agent, form.toString(), {
        dpop: await handProof(key, { htm: 'POST', htu: `${fixture.server.mtlsBaseUrl}/par` }),
      });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof key is not the dpop_jkt of the request' });
    });
  });

  describe('DPoP-bound tokens at the consent API (resource)', () => {
    const url = () => ukConsentUrl(fixture, 'account-access-consents', 'v3.1');
    const body = () => JSON.stringify(validUkConsentBody('account-access-consents', 'v3.1', new Date()));
    const headers = { 'content-type': 'application/json', accept: 'application/json' };

    async function dpopToken(key: DpopKey): Promise<string> {
      const response = await oauth.clientCredentialsGrantRequest(fixture.as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: 'accounts' }), {
        ...over(fixture.a.agent),
        DPoP: oauth.DPoP(client, key.pair),
      });
      return (await oauth.processClientCredentialsResponse(fixture.as, client, response)).access_token;
    }

    it('accepts Authorization: DPoP with a proof carrying ath (oauth4webapi protectedResourceRequest)', async () => {
      const key = await dpopKey();
      const token = await dpopToken(key);
      const response = await oauth.protectedResourceRequest(token, 'POST', new URL(url()), new Headers(headers), body(), {
        ...over(fixture.a.agent),
        DPoP: oauth.DPoP(client, key.pair),
      });
      expect(response.status).toBe(201);
    });

    it('refuses a DPoP-bound token presented as Bearer: 401 with a DPoP challenge', async () => {
      const token = await dpopToken(await dpopKey());
      const response = await ukConsentRequest(url(), fixture.a.agent, { method: 'POST', body: body(), headers: { ...headers, authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^DPoP realm="obas", error="invalid_token", .*algs="PS256 ES256"$/);
    });

    it('refuses a proof of another key, a proof without ath, and a missing proof: 401 invalid_dpop_proof', async () => {
      const [key, other] = [await dpopKey(), await dpopKey()];
      const token = await dpopToken(key);
      const send = (proof?: string) =>
        ukConsentRequest(url(), fixture.a.agent, { method: 'POST', body: body(), headers: { ...headers, authorization: `DPoP ${token}`, ...(proof === undefined ? {} : { dpop: proof }) } });
      const cases = [
        await handProof(other, { htm: 'POST', htu: url(), ath: sha256(token) }),
        await handProof(key, { htm: 'POST', htu: url() }),
        undefined,
      ];
      for (const proof of cases) {
        const response = await send(proof);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^DPoP realm="obas", error="invalid_dpop_proof"/);
      }
      expect((await send(await handProof(key, { htm: 'POST', htu: url(), ath: sha256(token) }))).status).toBe(201);
    });

    it('a certificate-bound Bearer token still works as before', async () => {
      const token = await clientCredentialsToken(fixture, fixture.a, 'accounts');
      const response = await ukConsentRequest(url(), fixture.a.agent, { method: 'POST', body: body(), headers: { ...headers, authorization: `Bearer ${token}` } });
      expect(response.status).toBe(201);
    });
  });
});

describe('DPoP with required nonces and a dpop_bound_access_tokens client, profile fapi2', () => {
  let server: TestObas;
  let as: oauth.AuthorizationServer;
  let agent: ReturnType<typeof tppAgent>;
  const client: oauth.Client = { client_id: 'dpop-client', use_mtls_endpoint_aliases: true };

  beforeAll(async () => {
    const { prepareDataDir } = await import('../support/obas-harness.js');
    const { dataDir, pki } = await prepareDataDir();
    const cert = await issueTppCertificate(pki.ca, { organization: 'Dpop TPP Ltd', commonName: 'dpop-tpp', keyType: 'ec' });
    server = await startTestObas({
      dataDir,
      profile: 'fapi2',
      extra: { dpop: { requireNonce: true, nonceRotationSeconds: 60 } },
      clients: [{ ...tlsClient('dpop-client', cert), dpop_bound_access_tokens: true }],
    });
    agent = tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: pki.caCertPem });
    as = await discover(server.issuer, agent);
  });

  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  const tokenUrl = () => `${server.mtlsBaseUrl}/token`;
  const post = (proof?: string) =>
    postForm(tokenUrl(), agent, new URLSearchParams({ client_id: 'dpop-client', grant_type: 'client_credentials', scope: 'accounts' }).toString(), proof === undefined ? {} : { dpop: proof });

  it('refuses a token request without a proof: the client registered dpop_bound_access_tokens', async () => {
    const response = await post();
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'invalid_dpop_proof', error_description: 'A DPoP proof is required' });
  });

  it('missing nonce: use_dpop_nonce with a DPoP-Nonce header; oauth4webapi retries with it and gets a fresh nonce back', async () => {
    const key = await dpopKey();
    const missing = await post(await handProof(key, { htm: 'POST', htu: tokenUrl() }));
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: 'use_dpop_nonce', error_description: 'The DPoP proof must carry the nonce of the DPoP-Nonce header' });
    expect(missing.headers.get('dpop-nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const stale = await post(await handProof(key, { htm: 'POST', htu: tokenUrl(), nonce: 'A'.repeat(43) }));
    expect(stale.json['error']).toBe('use_dpop_nonce');

    const DPoP = oauth.DPoP(client, key.pair);
    const request = () => oauth.clientCredentialsGrantRequest(as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: 'accounts' }), { ...over(agent), DPoP });
    let tokens: oauth.TokenEndpointResponse;
    try {
      tokens = await oauth.processClientCredentialsResponse(as, client, await request());
      throw new Error('the first request had no nonce and must be refused');
    } catch (error) {
      expect(oauth.isDPoPNonceError(error)).toBe(true);
      const retried = await request();
      expect(retried.headers.get('dpop-nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      tokens = await oauth.processClientCredentialsResponse(as, client, retried);
    }
    expect(tokens.token_type).toBe('dpop');
  });

  it('at the consent API: a proof without the nonce is a 401 use_dpop_nonce challenge; the retry succeeds and carries a fresh DPoP-Nonce', async () => {
    const key = await dpopKey();
    const DPoP = oauth.DPoP(client, key.pair);
    const grant = () => oauth.clientCredentialsGrantRequest(as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: 'accounts' }), { ...over(agent), DPoP });
    const first = await grant().then((response) => oauth.processClientCredentialsResponse(as, client, response)).catch(async (error: unknown) => {
      expect(oauth.isDPoPNonceError(error)).toBe(true);
      return oauth.processClientCredentialsResponse(as, client, await grant());
    });
    const url = new URL(`${server.mtlsBaseUrl}/open-banking/v3.1/aisp/account-access-consents`);
    const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json' });
    const body = JSON.stringify(validUkConsentBody('account-access-consents', 'v3.1', new Date()));
    const unnonced = await ukConsentRequest(url.href, agent, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `DPoP ${first.access_token}`, dpop: await handProof(key, { htm: 'POST', htu: url.href, ath: sha256(first.access_token) }) },
    });
    expect(unnonced.status).toBe(401);
    expect(unnonced.headers.get('www-authenticate')).toMatch(/^DPoP realm="obas", error="use_dpop_nonce"/);
    expect(unnonced.headers.get('dpop-nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const created = await oauth.protectedResourceRequest(first.access_token, 'POST', url, headers, body, { ...over(agent), DPoP });
    expect(created.status).toBe(201);
    expect(created.headers.get('dpop-nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
