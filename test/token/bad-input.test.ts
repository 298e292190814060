import { request as httpsRequest } from 'node:https';
import type { Agent } from 'undici';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_BY_CODE } from '../../src/errors/oauth-error.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient, type TppCertificates } from '../support/tpp-fixtures.js';

const KNOWN_ERRORS = new Set(Object.keys(STATUS_BY_CODE).filter((code) => STATUS_BY_CODE[code as keyof typeof STATUS_BY_CODE] < 500));

const JUNK = ['', ' ', '\u0000', '%00', '\u202e\u0007', 'é'.repeat(300), 'x'.repeat(9000), '{"a":1}', 'a b', '../../etc/passwd', "' OR 1=1 --", 'eyJhbGciOiJub25lIn0.e30.', 'a.b.c', '🙂'];

describe('token endpoint refuses bad input with a proper OAuth error', () => {
  let server: TestObas;
  let certs: TppCertificates;
  let agent: Agent;
  const token = (body: string, headers: Record<string, string> = {}) => postForm(`${server.mtlsBaseUrl}/token`, agent, body, headers);

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    server = await startTestObas({
      dataDir,
      clients: [tlsClient('tls-client', certs.main)],
    });
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: server.pki.caCertPem });
  });

  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  it('accepts the well-formed request (control)', async () => {
    expect((await token('grant_type=client_credentials&client_id=tls-client')).status).toBe(200);
  });

  it('a repeated parameter (RFC 6749 §3.2)', async () => {
    const response = await token('grant_type=client_credentials&client_id=tls-client&scope=accounts&scope=accounts');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_request', error_description: 'The scope parameter is repeated' });
  });

  it('an oversized body (limit 16 KiB by default)', async () => {
    const response = await token(`grant_type=client_credentials&client_id=tls-client&pad=${'a'.repeat(17 * 1024)}`);
    expect(response.status).toBe(413);
    expect(response.json['error']).toBe('invalid_request');
  });

  it('too many parameters', async () => {
    const many = Array.from({ length: 80 }, (_, i) => `p${i}=1`).join('&');
    const response = await token(`grant_type=client_credentials&client_id=tls-client&${many}`);
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('invalid_request');
  });

  it('a JSON body instead of a form', async () => {
    const response = await token(JSON.stringify({ grant_type: 'client_credentials' }), { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_request' });
  });

  it('malformed JSON is still a 400', async () => {
    const response = await token('{"grant_type":', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('invalid_request');
  });

  it('a text/plain body', async () => {
    const response = await token('grant_type=client_credentials', { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('invalid_request');
  });

  it('no body at all', async () => {
    const response = await undiciFetch(`${server.mtlsBaseUrl}/token`, { method: 'POST', dispatcher: agent });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('an unknown grant type', async () => {
    const response = await token('grant_type=urn:example:magic&client_id=tls-client');
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('unsupported_grant_type');
  });

  it('a missing grant type', async () => {
    const response = await token('client_id=tls-client');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_request', error_description: 'The grant_type parameter is required' });
  });

  it('GET on the token endpoint is 405 with Allow', async () => {
    const response = await undiciFetch(`${server.mtlsBaseUrl}/token`, { dispatcher: agent });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown path is a JSON 404', async () => {
    const response = await undiciFetch(`${server.mtlsBaseUrl}/nope`, { dispatcher: agent });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toBe('not_found');
  });

  it('a bad percent-encoding is treated as data, never a crash', async () => {
    const response = await token('grant_type=client_credentials&client_id=%E0%A4%A&scope=%');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('junk in every field → 4xx with a known error code, never a 5xx', async () => {
    const fields = ['grant_type', 'client_id', 'scope', 'client_assertion', 'client_assertion_type', 'client_secret', 'token'];
    for (const field of fields) {
      for (const junk of JUNK) {
        const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'tls-client' });
        form.set(field, junk);
        for (const path of ['/token', '/revoke', '/introspect']) {
          const response = await postForm(`${server.mtlsBaseUrl}${path}`, agent, form.toString());
          if (response.status === 200) continue;
          expect(response.status, `${path} ${field}=${JSON.stringify(junk).slice(0, 30)}`).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(KNOWN_ERRORS.has(response.json['error'] as string), String(response.json['error'])).toBe(true);
        }
      }
    }
  });

  it('junk Authorization headers', async () => {
    for (const authorization of ['Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${Buffer.from(':x').toString('base64')}`, `Basic ${Buffer.from('%zz:x').toString('base64')}`, 'Bearer x']) {
      const response = await token('grant_type=client_credentials&client_id=tls-client', { authorization });
      expect(response.status, authorization).toBeLessThan(500);
    }
  });

  it('echoes a valid x-fapi-interaction-id and replaces an invalid one', async () => {
    const mine = '5b1b5e2c-6f0a-4d7e-9a39-0a1f8e7c2d11';
    const echoed = await token('grant_type=client_credentials&client_id=tls-client', { 'x-fapi-interaction-id': mine });
    expect(echoed.headers.get('x-fapi-interaction-id')).toBe(mine);
    const replaced = await token('grant_type=client_credentials&client_id=tls-client', { 'x-fapi-interaction-id': 'not-a-uuid' });
    expect(replaced.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const refused = await token('grant_type=client_credentials&client_id=tls-client&scope=a&scope=b', { 'x-fapi-interaction-id': mine });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-fapi-interaction-id')).toBe(mine);
    const tooLarge = await token(`grant_type=client_credentials&pad=${'a'.repeat(17 * 1024)}`, { 'x-fapi-interaction-id': mine });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-fapi-interaction-id')).toBe(mine);
  });

  it('refuses TLS 1.1 on the mTLS listener', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = httpsRequest(`${server.mtlsBaseUrl}/token`, { method: 'POST', maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ca: server.pki.caCertPem }, () => resolve('connected'));
      req.on('error', (error) => resolve(String((error as NodeJS.ErrnoException).code ?? error.message)));
      req.end();
    });
    expect(outcome).not.toBe('connected');
  });

  it('refuses a non-FAPI TLS 1.2 cipher suite (CBC)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = httpsRequest(`${server.mtlsBaseUrl}/token`, { method: 'POST', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA', ca: server.pki.caCertPem }, () => resolve('connected'));
      req.on('error', (error) => resolve(String((error as NodeJS.ErrnoException).code ?? error.message)));
      req.end();
    });
    expect(outcome).not.toBe('connected');
  });
});
