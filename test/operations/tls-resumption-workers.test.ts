import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributeTicketSecrets, ticketKeysFor, type TicketSecretMessage } from '../../src/http/tls-session-tickets.js';
import type { IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { postOnNewConnection } from '../support/tls-session-client.js';
import { issueTppCertificates, tlsClient } from '../support/tpp-fixtures.js';

/**
 * `obas start --workers 2`: the primary hands every worker the same session ticket secret, so a TLS session issued
 * by one worker resumes on the other. The primary gives connections to the workers in turn (node:cluster round
 * robin), so a run of reconnections alternates between them: with a secret per worker, every other one would fall
 * back to a full handshake.
 */
describe('TLS session resumption across the workers of obas start --workers 2', () => {
  let obas: ObasProcess;
  let mtlsUrl: string;
  let caPem: string;
  let main: IssuedCertificate;

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    main = (await issueTppCertificates(pki)).main;
    caPem = pki.caCertPem;
    const [front, mtls] = [await freePort(), await freePort()];
    mtlsUrl = `https://localhost:${mtls}`;
    obas = await spawnObas(dataDir, 'tls-workers', {
      workers: 2,
      dataDir,
      issuer: `https://localhost:${front}`,
      frontChannel: { host: '127.0.0.1', port: front },
      mtls: { host: '127.0.0.1', port: mtls },
      clients: [{ ...tlsClient('tpp-main', main), tls_client_certificate_bound_access_tokens: true }],
    });
  });

  afterAll(async () => {
    await obas?.stop();
  });

  it('every reconnection resumes the session of the previous one and gets a token', async () => {
    const tls = { certPem: main.certPem, keyPem: main.keyPem, caPem };
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'tpp-main', scope: 'accounts' }).toString();
    const first = await postOnNewConnection(`${mtlsUrl}/token`, tls, form);
    expect(first.status).toBe(200);
    let session = first.session;
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const next = await postOnNewConnection(`${mtlsUrl}/token`, tls, form, session);
      outcomes.push(`${next.status} ${next.reused ? 'resumed' : 'full'}`);
      session = next.session ?? session;
    }
    expect(outcomes).toEqual(Array.from({ length: 40 }, () => '200 resumed'));
  });
});

describe('the primary\'s ticket secret', () => {
  it('is replaced every rotation, each new one broadcast and handed to later workers; each listener derives its own keys', async () => {
    const broadcast: TicketSecretMessage[] = [];
    const distributor = distributeTicketSecrets((message) => broadcast.push(message), 40);
    const initial = distributor.message();
    await delay(150);
    distributor.stop();
    const secrets = [initial, ...broadcast].map((message) => message.secret);
    expect(broadcast.length).toBeGreaterThanOrEqual(2);
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(Buffer.from(initial.secret, 'base64')).toHaveLength(32);
    expect(distributor.message()).toEqual(broadcast.at(-1));
    const secret = Buffer.from(initial.secret, 'base64');
    expect(ticketKeysFor(secret, 'mtls')).toHaveLength(48);
    expect(ticketKeysFor(secret, 'mtls').equals(ticketKeysFor(secret, 'front-channel'))).toBe(false);
    expect(ticketKeysFor(secret, 'mtls').equals(ticketKeysFor(secret, 'mtls'))).toBe(true);
  });
});
