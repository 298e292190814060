import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { HttpExchange } from '../../src/demo/https-transport.js';
import { runDemo } from '../../src/demo/run-demo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'dist/src/cli/main.js');
const BUILT_DEMO = resolve(ROOT, 'dist/src/demo/run-demo.js');

/** The built CLI is worth running only when it has the demo and is newer than its source. */
const builtDemoIsCurrent = existsSync(BUILT_DEMO) && statSync(BUILT_DEMO).mtimeMs >= statSync(resolve(ROOT, 'src/demo/run-demo.ts')).mtimeMs;

/** Every secret the run used, read off the raw exchanges independently of the demo's own redaction. */
function secretsOf(exchanges: readonly HttpExchange[]): Set<string> {
  const secrets = new Set<string>(['sandbox-alice']);
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 6) secrets.add(value);
  };
  const fromParameters = (parameters: URLSearchParams) =>
    ['code', 'code_verifier', 'password', 'otp', 'csrf', 'request', 'refresh_token', 'token', 'id_token', 'access_token'].forEach((name) => add(parameters.get(name)));
  for (const exchange of exchanges) {
    if (exchange.requestHeaders['content-type']?.startsWith('application/x-www-form-urlencoded')) fromParameters(new URLSearchParams(exchange.requestBody));
    if (exchange.requestHeaders['content-type'] === 'application/jose') add(exchange.requestBody);
    add(/^Bearer (.+)$/.exec(exchange.requestHeaders['authorization'] ?? '')?.[1]);
    for (const pair of (exchange.requestHeaders['cookie'] ?? '').split('; ')) add(pair.split('=')[1]);
    const location = exchange.responseHeaders['location'];
    if (typeof location === 'string') {
      const url = new URL(location, exchange.url);
      fromParameters(url.searchParams);
      fromParameters(new URLSearchParams(url.hash.slice(1)));
    }
    if (exchange.responseHeaders['content-type']?.includes('application/json') === true) {
      const body = JSON.parse(exchange.responseBody) as Record<string, unknown>;
      ['access_token', 'refresh_token', 'id_token', 'registration_access_token'].forEach((name) => add(body[name]));
    }
  }
  return secrets;
}

describe('obas demo', () => {
  for (const profile of ['fapi2', 'uk-ob', 'stet'] as const) {
    it(`runs every step in ${profile}, and --verbose shows each exchange without a secret`, async () => {
      const lines: string[] = [];
      const exchanges: HttpExchange[] = [];
      const report = await runDemo({ profile, verbose: true, print: (line) => lines.push(line), onRawExchange: (exchange) => exchanges.push(exchange) });
      const output = lines.join('\n');
      expect(report.failure, output).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.steps.map((step) => step.ok)).toEqual(Array(11).fill(true));
      expect(lines.at(-1)).toMatch(new RegExp(`^demo passed: 11 steps in .* \\(profile ${profile}\\)$`));
      expect(output).toContain('→ POST https://localhost:');
      expect(output).toContain('«redacted»');
      const secrets = secretsOf(exchanges);
      expect(secrets.size).toBeGreaterThan(10);
      const leaked = [...secrets].filter((secret) => output.includes(secret) || output.includes(encodeURIComponent(secret)));
      expect(leaked).toEqual([]);
      const refused = report.steps[10]?.detail ?? '';
      if (profile === 'uk-ob') expect(refused).toContain('invalid_grant: U028 UK.OBIE.Reauthenticate');
      if (profile === 'stet') expect(refused).toContain('invalid_grant: CN01');
      console.log(`obas demo --profile ${profile}: ${Math.round(report.milliseconds)} ms`);
    }, 30_000);
  }

  it('fails naming the step when the TPP certificate comes from a CA the server does not trust', async () => {
    const lines: string[] = [];
    const report = await runDemo({ profile: 'fapi2', verbose: false, tppCertificateIssuer: 'untrusted-ca', print: (line) => lines.push(line) });
    expect(report.ok).toBe(false);
    expect(report.steps.map((step) => step.ok)).toEqual([true, true, false]);
    expect(report.failure).toMatch(/^at step 3 \(registration over mutual TLS\): expected HTTP 201, got 40\d: invalid_client/);
    expect(lines.at(-1)).toBe(`demo failed ${report.failure ?? ''}`);
  }, 30_000);

  it.skipIf(!builtDemoIsCurrent)('exits 0 through the built CLI, and non-zero with the failed step named', async () => {
    const run = promisify(execFile);
    const passed = await run(process.execPath, [CLI, 'demo', '--profile', 'stet'], { cwd: ROOT });
    expect(passed.stdout).toMatch(/demo passed: 11 steps in/);
    const failed = await run(process.execPath, [CLI, 'demo', '--tpp-ca', 'untrusted'], { cwd: ROOT }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stdout).toContain('demo failed at step 3 (registration over mutual TLS)');
  }, 30_000);
});
