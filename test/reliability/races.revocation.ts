import { spawn } from 'node:child_process';
import { fetch as undiciFetch } from 'undici';
import { expect } from 'vitest';
import { CLI } from '../support/obas-process.js';
import { authorisedRefreshToken, clientToken, isActive, postTo, type Answer, type RaceReport, type RaceTarget } from './races.scenarios.js';

/** How a consent is revoked while refreshes run: the TPP's DELETE on the consent API, or `obas consents revoke`. */
export type Revocation = 'api' | 'cli';

async function revokeConsent(target: RaceTarget, consentId: string, how: Revocation): Promise<void> {
  if (how === 'api') {
    const response = await undiciFetch(`${target.mtlsUrls[0]}/open-banking/v3.1/aisp/account-access-consents/${consentId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await clientToken(target, 'accounts')}` },
      dispatcher: target.agent,
    });
    expect(response.status).toBe(204);
    return;
  }
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, [CLI, '--config', target.configFile, 'consents', 'revoke', consentId], { env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((done) => child.once('exit', done));
  expect({ exitCode, output }).toEqual({ exitCode: 0, output: `revoked ${consentId}\n` });
}

/**
 * UK OB (refresh tokens not rotated): `workers` loops refresh one token across the processes while the consent is
 * revoked. Every refresh sent after the revocation returned fails with U028; afterwards no token of the grant is
 * active at any process and no refresh succeeds anywhere.
 */
export async function revocationRacingRefreshes(target: RaceTarget, how: Revocation, workers: number): Promise<RaceReport> {
  const { refreshToken, consentId } = await authorisedRefreshToken(target);
  const outcomes: { sentAt: number; answer: Answer }[] = [];
  let running = true;
  const loop = async (worker: number) => {
    for (let i = worker; running; i += workers) {
      const sentAt = performance.now();
      outcomes.push({ sentAt, answer: await postTo(target, i, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken }) });
    }
  };
  const loops = Array.from({ length: workers }, (_, worker) => loop(worker));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  await revokeConsent(target, String(consentId), how);
  const revokedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 300));
  running = false;
  await Promise.all(loops);

  const before = outcomes.filter((outcome) => outcome.sentAt < started);
  const after = outcomes.filter((outcome) => outcome.sentAt > revokedAt);
  expect(before.some((outcome) => outcome.answer.status === 200)).toBe(true);
  expect(after.length).toBeGreaterThan(0);
  for (const { answer } of after) {
    expect(answer.status).toBe(400);
    expect(answer.json['error_description']).toMatch(/^U028 UK\.OBIE\.Reauthenticate: /);
  }
  const issued = outcomes.flatMap(({ answer }) => (typeof answer.json['access_token'] === 'string' ? [answer.json['access_token']] : []));
  for (const token of [...issued, refreshToken]) expect(await isActive(target, token)).toBe(false);
  for (const [i] of target.mtlsUrls.entries()) expect((await postTo(target, i, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken })).status).toBe(400);
  return {
    requests: outcomes.length,
    successes: issued.length,
    milliseconds: Math.round(revokedAt - started),
    sentAfterRevocation: after.length,
    inFlightDuringRevocation: outcomes.length - before.length - after.length,
  };
}
