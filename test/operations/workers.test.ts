import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { Agent } from 'undici';
import { postForm } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient } from '../support/tpp-fixtures.js';

/** Pids of the children of `pid` (the workers of a primary). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number).sort();
  } catch {
    return [];
  }
}

/** User + system CPU clock ticks a process has used (`/proc/<pid>/stat` fields 14 and 15). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

async function until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await delay(100);
  }
}

describe('obas start --workers 2 (SQLite)', () => {
  let obas: ObasProcess;
  let mtlsUrl: string;
  let metricsUrl: string;
  let caPem: string;
  let cert: { certPem: string; keyPem: string };

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    const certs = await issueTppCertificates(pki);
    caPem = pki.caCertPem;
    cert = certs.main;
    const [front, mtls] = [await freePort(), await freePort()];
    mtlsUrl = `https://localhost:${mtls}`;
    obas = await spawnObas(dataDir, 'workers', {
      workers: 2,
      dataDir,
      issuer: `https://localhost:${front}`,
      frontChannel: { host: '127.0.0.1', port: front },
      mtls: { host: '127.0.0.1', port: mtls },
      profile: 'stet',
      clients: [tlsClient('tpp-a', certs.main, 'aisp')],
      metrics: { enabled: true, host: '127.0.0.1', port: 0 },
    });
    metricsUrl = /Prometheus metrics\s+(http:\/\/\S+)/.exec(obas.output())?.[1] ?? 'metrics listener not started';
  });

  afterAll(async () => {
    await obas?.stop();
  });

  /** `count` client_credentials requests over exactly `connections` connections (the primary hands out connections). */
  async function tokens(count: number, connections: number): Promise<number[]> {
    const agents = Array.from({ length: connections }, () => new Agent({ connections: 1, connect: { ca: caPem, cert: cert.certPem, key: cert.keyPem } }));
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'tpp-a', scope: 'aisp' }).toString();
    const statuses = await Promise.all(
      Array.from({ length: count }, async (_, i) => (await postForm(`${mtlsUrl}/token`, agents[i % connections] as (typeof agents)[number], form)).status),
    );
    await Promise.all(agents.map((agent) => agent.close()));
    return statuses;
  }

  it('announces two workers and runs them as children of the primary', () => {
    expect(obas.output()).toContain('2 workers');
    expect(childrenOf(obas.child.pid ?? 0)).toHaveLength(2);
  });

  it('spreads connections over both workers, and the primary\'s /metrics counts every request of every worker', async () => {
    const workers = childrenOf(obas.child.pid ?? 0);
    const before = workers.map(cpuTicks);
    const statuses = await tokens(300, 8);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const used = workers.map((pid, i) => cpuTicks(pid) - (before[i] ?? 0));
    expect(Math.min(...used)).toBeGreaterThan(0);
    const exposition = await (await fetch(metricsUrl)).text();
    const served = exposition
      .split('\n')
      .filter((line) => line.startsWith('obas_http_requests_total{') && line.includes('route="/token"') && line.includes('status="200"'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    expect(served).toBeGreaterThanOrEqual(300);
    expect(exposition).toContain('obas_database_ping_duration_seconds_count');
  });

  it('replaces a worker killed with SIGKILL and keeps serving meanwhile', async () => {
    const [victim, survivor] = childrenOf(obas.child.pid ?? 0);
    process.kill(victim ?? 0, 'SIGKILL');
    await until(() => (childrenOf(obas.child.pid ?? 0).includes(victim ?? 0) ? undefined : true), 5_000);
    expect((await tokens(10, 2)).every((status) => status === 200)).toBe(true);
    const replaced = await until(() => {
      const now = childrenOf(obas.child.pid ?? 0);
      return now.length === 2 && now.includes(survivor ?? 0) ? now : undefined;
    }, 15_000);
    expect(replaced).not.toContain(victim);
    expect(obas.output()).toContain('worker exited; starting a replacement');
    expect((await tokens(20, 4)).every((status) => status === 200)).toBe(true);
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    const workers = childrenOf(obas.child.pid ?? 0);
    const exited = new Promise<number | null>((resolve) => obas.child.once('exit', (code) => resolve(code)));
    obas.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
