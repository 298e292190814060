import { connect } from 'node:tls';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient, type TppCertificates } from '../support/tpp-fixtures.js';

/** The value of one sample (`name{labels}`) in Prometheus text, 0 when absent. */
function sample(exposition: string, series: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('probes and Prometheus metrics', () => {
  let server: TestObas;
  let certs: TppCertificates;
  let tpp: Agent;
  let metricsUrl: string;
  let caPem: string;

  const scrape = async () => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    caPem = pki.caCertPem;
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    server = await startTestObas({ dataDir, clients: [tlsClient('tpp', certs.main)], extra: { metrics: { port } } });
    tpp = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  });

  afterAll(async () => {
    await tpp?.close();
    await server?.close();
  });

  it('/healthz answers 200 {"status":"ok"}, never cached, on the front channel', async () => {
    const response = await fetch(`${server.issuer}/healthz`, { dispatcher: tpp });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with the database and keys checked (SQLite)', async () => {
    const response = await fetch(`${server.issuer}/readyz`, { dispatcher: tpp });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok', keys: 'ok' } });
  });

  it('counts an issued token, the token request and a refused client authentication', async () => {
    const issued = 'obas_tokens_issued_total{grant_type="client_credentials",token_type="access_token"}';
    const answered = 'obas_http_requests_total{listener="mtls",method="POST",route="/token",status="200"}';
    const refused = 'obas_client_authentication_failures_total{method="tls",reason="client_unknown"}';
    const before = await scrape();
    expect((await postForm(`${server.mtlsBaseUrl}/token`, tpp, 'grant_type=client_credentials&client_id=tpp&scope=accounts')).status).toBe(200);
    expect((await postForm(`${server.mtlsBaseUrl}/token`, tpp, 'grant_type=client_credentials&client_id=nobody')).status).toBe(401);
    const after = await scrape();
    expect(sample(after, issued) - sample(before, issued)).toBe(1);
    expect(sample(after, answered) - sample(before, answered)).toBe(1);
    expect(sample(after, refused) - sample(before, refused)).toBe(1);
    expect(sample(after, 'obas_http_request_duration_seconds_count{listener="mtls",method="POST",route="/token"}')).toBeGreaterThanOrEqual(2);
  });

  it('counts a request in flight from its headers until its connection goes away', async () => {
    const inFlight = 'obas_http_requests_in_flight{listener="mtls"}';
    const settled = async (expected: number) => {
      for (let attempt = 0; attempt < 50 && sample(await scrape(), inFlight) !== expected; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 40));
      return sample(await scrape(), inFlight);
    };
    expect(await settled(0)).toBe(0);
    const { hostname, port } = new URL(server.mtlsBaseUrl);
    const socket = connect({ host: hostname, port: Number(port), cert: certs.main.certPem, key: certs.main.keyPem, ca: caPem, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    // Headers without the body they announce: the request has begun and waits for it.
    socket.write(`POST /token HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n`);
    expect(await settled(1)).toBe(1);
    socket.destroy();
    expect(await settled(0)).toBe(0);
  });

  it('times the readiness query, on every probe and every scrape, and exposes the process metrics', async () => {
    await fetch(`${server.issuer}/readyz`, { dispatcher: tpp });
    const exposition = await scrape();
    const pings = sample(exposition, 'obas_database_ping_duration_seconds_count{outcome="ok"}');
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(sample(await scrape(), 'obas_database_ping_duration_seconds_count{outcome="ok"}')).toBe(pings + 1);
    expect(exposition).toMatch(/^obas_process_cpu_seconds_total \d/m);
    expect(exposition).toMatch(/^obas_nodejs_eventloop_lag_seconds \d/m);
  });

  it('serves metrics only on their own listener: GET /metrics there, 404 on the public listeners', async () => {
    expect((await fetch(`${server.issuer}/metrics`, { dispatcher: tpp })).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });
});
