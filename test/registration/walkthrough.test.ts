import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { CLI, spawnObas, type ObasProcess } from '../support/obas-process.js';

const run = promisify(execFile);
const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's commands, as arguments: the test runs exactly these. */
const ISSUE_TPP = ['pki', 'issue-tpp', '--org', 'Example TPP', '--org-id', 'PSDGB-FCA-123456', '--cn', 'my-tpp', '--roles', 'PSP_AI,PSP_PI', '--out', './tpp'];
const ISSUE_SSA = ['ssa', 'issue', '--org', 'PSDGB-FCA-123456', '--software-id', 'my-tpp', '--roles', 'AISP,PISP', '--redirect-uri', 'https://tpp.example/cb', '--jwks-file', './tpp/jwks.json'];
const TLS = ['--cacert', '.obas/pki/dev-ca.pem', '--cert', 'tpp/tpp.pem', '--key', 'tpp/tpp.key'];
const REGISTRATION = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts payments' };
const UK_METADATA = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts' };

/** The environment of every command: no DATABASE_URL or OBAS_* from the test run, so the walkthrough uses its own SQLite. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('OBAS_')));
}

describe('the README walkthrough, run with the built CLI and curl', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'obas-walkthrough-'));
  const env = cleanEnvironment();
  const servers: ObasProcess[] = [];
  let fapiConfig: string;
  let ukConfig: string;
  let fapiMtls: string;
  let ukMtls: string;

  const obas = async (config: string, args: string[]) => (await run(process.execPath, [CLI, '--config', config, ...args], { cwd: workDir, env })).stdout;
  const curl = async (args: string[]) => JSON.parse((await run('curl', ['-s', ...TLS, ...args], { cwd: workDir, env })).stdout) as Record<string, unknown>;

  async function startServer(name: string, profile: string): Promise<{ config: string; mtls: string }> {
    const [front, mtls] = [await freePort(), await freePort()];
    const config = {
      issuer: `https://localhost:${front}`,
      dataDir: join(workDir, '.obas'),
      profile,
      frontChannel: { host: '127.0.0.1', port: front },
      mtls: { host: '127.0.0.1', port: mtls, baseUrl: `https://localhost:${mtls}` },
      database: { sqliteFile: join(workDir, `${name}.db`) },
    };
    servers.push(await spawnObas(workDir, name, config, env));
    return { config: join(workDir, `${name}.json`), mtls: `https://localhost:${mtls}` };
  }

  beforeAll(async () => {
    ({ config: fapiConfig, mtls: fapiMtls } = await startServer('fapi', 'fapi2'));
    ({ config: ukConfig, mtls: ukMtls } = await startServer('uk', 'uk-ob'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('documents these very commands', () => {
    expect(README).toContain('npx obas pki issue-tpp --org "Example TPP" --org-id PSDGB-FCA-123456 --cn my-tpp --roles PSP_AI,PSP_PI --out ./tpp');
    expect(README).toContain(`npx obas ssa issue ${ISSUE_SSA.slice(2, 8).join(' ')} \\\n    ${ISSUE_SSA.slice(8).join(' ')} > ssa.jwt`);
    expect(README).toContain(`"'"$(cat ssa.jwt)"'",${JSON.stringify(REGISTRATION).slice(1)}'`);
    expect(README).toContain(`--metadata '${JSON.stringify(UK_METADATA)}' > request.jwt`);
  });

  it('certificate, SSA, registration (JSON) and a token; then `obas clients delete` revokes it', async () => {
    await obas(fapiConfig, ISSUE_TPP);
    const ssa = (await obas(fapiConfig, ISSUE_SSA)).trim();
    expect(statSync(join(workDir, '.obas', 'directory', 'sandbox-directory.key')).mode & 0o777).toBe(0o600);
    writeFileSync(join(workDir, 'ssa.jwt'), `${ssa}\n`);
    const registered = await curl([
      '-H',
      'content-type: application/json',
      '-d',
      JSON.stringify({ software_statement: ssa, ...REGISTRATION }),
      `${fapiMtls}/register`,
    ]);
    expect(registered).toMatchObject({ scope: 'accounts payments', software_id: 'my-tpp', org_id: 'PSDGB-FCA-123456' });
    const clientId = String(registered['client_id']);
    const token = await curl(['-d', 'grant_type=client_credentials', '-d', `client_id=${clientId}`, '-d', 'scope=accounts', `${fapiMtls}/token`]);
    expect(token).toMatchObject({ token_type: 'Bearer', scope: 'accounts' });

    const listed = await obas(fapiConfig, ['clients', 'list']);
    expect(listed).toContain(`${clientId}\tdcr\ttls_client_auth\tmy-tpp`);
    expect(await obas(fapiConfig, ['clients', 'delete', clientId])).toBe(`deleted ${clientId}; its access tokens are no longer valid; revoked 0 grant(s) with their refresh tokens\n`);
    const refused = await curl(['-d', 'grant_type=client_credentials', '-d', `client_id=${clientId}`, `${fapiMtls}/token`]);
    expect(refused['error']).toBe('invalid_client');
  });

  it('UK OB DCR: `obas ssa sign-request`, then curl with application/jose', async () => {
    const request = await obas(ukConfig, ['ssa', 'sign-request', '--ssa', 'ssa.jwt', '--key', 'tpp/tpp.key', '--metadata', JSON.stringify(UK_METADATA)]);
    writeFileSync(join(workDir, 'request.jwt'), request);
    const registered = await curl(['-H', 'content-type: application/jose', '--data-binary', '@request.jwt', `${ukMtls}/register`]);
    expect(registered).toMatchObject({ scope: 'accounts', software_id: 'my-tpp' });
    const management = await curl(['-H', `authorization: Bearer ${String(registered['registration_access_token'])}`, String(registered['registration_client_uri'])]);
    expect(management['client_id']).toBe(registered['client_id']);
  });
});
