// scratch: instructions per token request of an obas build under callgrind (not committed)
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createFixtures, writeJson } from './lib/fixtures.mjs';
import { mutualTlsPool, postForm, createTally } from './lib/mtls-pool.mjs';
import { freePort } from './lib/processes.mjs';

const [distDir, tag] = [process.argv[2], process.argv[3] ?? 'x'];
const WARM = Number(process.env.CG_WARM ?? 6000), N = Number(process.env.CG_N ?? 3000), CONC = Number(process.env.CG_CONC ?? 16);
const fixtures = await createFixtures();
const [frontPort, mtlsPort] = [await freePort(), await freePort()];
const configFile = await writeJson(fixtures, 'cg.config.json', {
  dataDir: fixtures.dataDir, issuer: `https://localhost:${frontPort}`,
  frontChannel: { host: '127.0.0.1', port: frontPort }, mtls: { host: '127.0.0.1', port: mtlsPort },
  database: { sqliteFile: join(fixtures.root, 'cg.db') },
  profile: { name: 'fapi2', accessTokenFormat: 'opaque' }, clients: [fixtures.client], logLevel: 'warn', workers: 1,
  metrics: { port: await freePort() },
});
const outDir = fixtures.root;
const child = spawn('valgrind', ['--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${outDir}/cg.%p.out`, '--dump-instr=no', '--collect-atstart=yes',
  process.execPath, '--max-semi-space-size=64', join(distDir, 'src/cli/main.js'), 'start', '--config', configFile], { cwd: fixtures.root, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (c) => { out += c; }); child.stderr.on('data', (c) => { out += c; });
while (!/obas is running/.test(out)) { if (child.exitCode !== null) { console.error(out); process.exit(1); } await new Promise((r) => setTimeout(r, 500)); }
const settings = { url: `https://127.0.0.1:${mtlsPort}/token`, servername: 'localhost', clientCertFile: fixtures.clientCertFile, clientKeyFile: fixtures.clientKeyFile, caFile: fixtures.caFile };
const pool = mutualTlsPool(settings, CONC);
async function send(n) {
  const tally = createTally(); let i = 0;
  await Promise.all(Array.from({ length: CONC }, async () => { while (i++ < n) await postForm(pool, fixtures.form, tally); }));
  if (tally.ok !== n) throw new Error(JSON.stringify(tally));
}
await send(WARM);
const ctl = (...a) => execFileSync('callgrind_control', [...a, String(child.pid)], { encoding: 'utf8' });
ctl('-z');
await send(N);
ctl('-d');
await new Promise((r) => setTimeout(r, 1000));
const files = readdirSync(outDir).filter((f) => f.startsWith(`cg.${child.pid}.out`)).sort();
const last = readFileSync(join(outDir, files.at(-1)), 'utf8');
const total = Number(/^(?:summary|totals): (\d+)/m.exec(last)[1]);
console.log(`${tag}: ${(total / N / 1000).toFixed(1)}k instructions per request (${N} requests, ${CONC} in flight; file ${files.at(-1)})`);
child.kill('SIGTERM');
await pool.pool.close();
