import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { importJWK, calculateJwkThumbprint, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { pkiCommand, runIssueTpp } from '../../src/cli/pki.command.ts';
import { createCertificateInspector } from '../../src/pki/client-certificate-inspector.ts';
import { sameDistinguishedName } from '../../src/pki/distinguished-name.ts';
import { certificatesFromPem } from '../../src/pki/trust-anchors.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'obas-pki-cli-'));

interface Run {
  readonly lines: string[];
  readonly errors: string;
  readonly failure?: CommanderError;
}

async function run(...args: string[]): Promise<Run> {
  const lines: string[] = [];
  let errors = '';
  const command = pkiCommand(async () => dataDir, (line) => lines.push(line));
  const configure = (target: Command) => {
    target.exitOverride().configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
    target.commands.forEach(configure);
  };
  configure(command);
  try {
    await command.parseAsync(args, { from: 'user' });
    return { lines, errors };
  } catch (error) {
    if (error instanceof CommanderError) return { lines, errors, failure: error };
    throw error;
  }
}

describe('obas pki issue-tpp', () => {
  let out: string;
  let result: Run;

  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'obas-tpp-')), 'acme');
    result = await run(
      'issue-tpp', '--org', 'Acme Payments Ltd', '--org-id', 'PSDGB-FCA-654321', '--roles', 'PSP_AI,psp_pi',
      '--cn', 'acme-software-1', '--key', 'ec', '--days', '30', '--san-dns', 'a.example', '--san-dns', 'b.example', '--out', out,
    );
  });

  it('writes the key (0600), certificate, chain and public JWK set', () => {
    expect(result.failure).toBeUndefined();
    expect(statSync(join(out, 'tpp.key')).mode & 0o777).toBe(0o600);
    const [leaf, ca, ...rest] = certificatesFromPem(readFileSync(join(out, 'chain.pem'), 'utf8'));
    expect(rest).toEqual([]);
    expect(leaf?.fingerprint256).toBe(new X509Certificate(readFileSync(join(out, 'tpp.pem'))).fingerprint256);
    expect(ca?.fingerprint256).toBe(new X509Certificate(readFileSync(join(dataDir, 'pki', 'dev-ca.pem'))).fingerprint256);
    expect(leaf?.checkPrivateKey(createPrivateKey(readFileSync(join(out, 'tpp.key'), 'utf8')))).toBe(true);
  });

  it('publishes the key with kid = RFC 7638 thumbprint, alg and use', async () => {
    const { keys } = JSON.parse(readFileSync(join(out, 'jwks.json'), 'utf8')) as { keys: JWK[] };
    expect(keys).toHaveLength(1);
    const [jwk] = keys as [JWK];
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect('d' in jwk).toBe(false);
    expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk));
    await expect(importJWK(jwk, 'ES256')).resolves.toBeDefined();
  });

  it('issues what it says, and a certificate the server accepts with the roles', () => {
    const pem = readFileSync(join(out, 'tpp.pem'), 'utf8');
    const leaf = new X509Certificate(pem);
    const anchors = certificatesFromPem(readFileSync(join(dataDir, 'pki', 'dev-ca.pem'), 'utf8'));
    const inspected = createCertificateInspector(anchors).inspect(Buffer.from(leaf.raw), [], new Date(), 'tls');
    expect(inspected.trust).toEqual({ status: 'trusted' });
    expect(inspected.psd2?.roles).toEqual(['PSP_AI', 'PSP_PI']);
    expect(inspected.subjectAltNames.dns).toEqual(['a.example', 'b.example']);
    const dnLine = result.lines.find((line) => line.includes('tls_client_auth_subject_dn')) ?? '';
    const printedDn = dnLine.slice(dnLine.indexOf(': ') + 2);
    expect(printedDn).toBe('CN=acme-software-1,organizationIdentifier=PSDGB-FCA-654321,O=Acme Payments Ltd,C=GB');
    expect(sameDistinguishedName(printedDn, inspected.subjectDn)).toBe(true);
    expect(result.lines.join('\n')).toContain(`x5t#S256: ${inspected.thumbprintS256}`);
    expect(new Date(leaf.validTo).getTime() - Date.now()).toBeLessThan(31 * 24 * 3600 * 1000);
  });

  it('refuses to overwrite an earlier key unless forced', async () => {
    await expect(runIssueTpp(dataDir, { org: 'Acme', ncaName: 'FCA', ncaId: 'GB-FCA', key: 'ec', days: 1, sanDns: [], sanUri: [], sanIp: [], sanEmail: [], out })).rejects.toThrow(/--force/);
    const forced = await runIssueTpp(dataDir, { org: 'Acme', ncaName: 'FCA', ncaId: 'GB-FCA', key: 'ec', days: 1, sanDns: [], sanUri: [], sanIp: [], sanEmail: [], out, force: true });
    expect(forced.join('\n')).toContain('PSP_AI, PSP_PI, PSP_IC');
    expect(statSync(join(out, 'tpp.key')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [['--roles', 'PSP_AI,PSP_XX'], /Unknown PSD2 role PSP_XX/],
    [['--org-id', 'FCA-123'], /PSDGB-FCA-123456/],
    [['--nca-id', 'FCA'], /GB-FCA/],
    [['--days', '0'], /--days/],
    [['--key', 'dsa'], /Allowed choices are rsa, ec/],
    [['--san-ip', 'localhost'], /not an IP address/],
    [['--country', 'gbr'], /--country/],
  ])('rejects %j with a clear message and a non-zero exit code', async (args, message) => {
    const failed = await run('issue-tpp', '--org', 'Acme', '--out', join(dataDir, 'never'), ...args);
    expect(failed.failure?.exitCode).toBe(1);
    expect(failed.errors).toMatch(message);
    expect(failed.lines).toEqual([]);
  });

  it('requires --org', async () => {
    const failed = await run('issue-tpp');
    expect(failed.failure?.exitCode).toBe(1);
    expect(failed.errors).toMatch(/--org/);
  });
});

describe('obas pki show-ca', () => {
  it('prints the path of the dev CA certificate', async () => {
    const { lines } = await run('show-ca');
    expect(lines).toEqual([join(dataDir, 'pki', 'dev-ca.pem')]);
    expect(new X509Certificate(readFileSync(lines[0] as string)).ca).toBe(true);
  });
});
