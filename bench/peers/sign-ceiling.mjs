import { constants, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { watchCpu } from '../lib/cpu-usage.mjs';
import { summarize } from '../lib/latency.mjs';

/**
 * The PS256 sign ceiling: how many RSASSA-PSS SHA-256 signatures (RFC 7518 §3.5, 32-byte salt) one core makes per
 * second with node:crypto and an RSA-2048 key, the key type obas signs JWT access tokens with. The signing input has
 * the size of an obas RFC 9068 access token's header and payload. Prints one JSON line.
 */
const seconds = Number(process.argv[2] ?? 5);
const warmupSeconds = Number(process.argv[3] ?? 1);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signOptions = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
const header = Buffer.from(JSON.stringify({ typ: 'at+jwt', alg: 'PS256', kid: randomBytes(32).toString('base64url') })).toString('base64url');
const payload = Buffer.from(
  JSON.stringify({
    iss: 'https://localhost:8443',
    sub: 'bench-tpp',
    aud: 'https://localhost:8443',
    exp: 1_900_000_300,
    iat: 1_900_000_000,
    jti: randomBytes(16).toString('base64url'),
    client_id: 'bench-tpp',
    scope: 'accounts',
    cnf: { 'x5t#S256': randomBytes(32).toString('base64url') },
  }),
).toString('base64url');
const signingInput = Buffer.from(`${header}.${payload}`);

function signFor(durationMs, durations) {
  const end = performance.now() + durationMs;
  let count = 0;
  let now = performance.now();
  while (now < end) {
    sign('sha256', signingInput, signOptions);
    const after = performance.now();
    durations?.push(after - now);
    now = after;
    count += 1;
  }
  return count;
}

signFor(warmupSeconds * 1000);
const durations = [];
const cpu = watchCpu();
const started = performance.now();
const count = signFor(seconds * 1000, durations);
const elapsedSeconds = (performance.now() - started) / 1000;
const cpuUsage = cpu.stop();
const measured = {
  count,
  seconds: elapsedSeconds,
  rate: count / elapsedSeconds,
  ...summarize(durations),
  ...(cpuUsage === undefined
    ? {}
    : { cpu: { serverCorePercent: cpuUsage.selfCorePercent, otherProcessesPercent: cpuUsage.otherProcessesPercent } }),
};
process.stdout.write(`${JSON.stringify(measured)}\n`);
