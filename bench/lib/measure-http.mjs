import { fileURLToPath } from 'node:url';
import { writeJson } from './fixtures.mjs';
import { LOAD_CORE, SERVER_CORE, runToJson } from './processes.mjs';
import { probe } from './probe.mjs';

const LOAD = fileURLToPath(new URL('../load.mjs', import.meta.url));

/**
 * One HTTP scenario (scenarios.mjs): start it (`measured`: the rows of this round so far, `earlier`: those of the
 * rounds before, which a scenario may derive its load from), probe one answer, run its load generator with
 * `settings` (connections, warm-up and measured seconds), stop it. A scenario's `load` (static) and its started
 * server's `load` (prepared at start) add to the load settings; `probe` options of either shape the probe. Resolves
 * the row (`valid` false on any non-2xx, error, timeout, exhausted prepared list or failure to run).
 */
export async function measureHttp(scenario, fixtures, settings, { measured, earlier }) {
  const description = {
    id: scenario.id,
    server: scenario.server,
    kind: scenario.kind,
    storage: scenario.storage,
    storageShort: scenario.storageShort,
    ...(scenario.latencyReference ? { latencyReference: true } : {}),
  };
  process.stderr.write(`• ${scenario.id}: starting on core ${scenario.cores ?? SERVER_CORE}\n`);
  let server;
  try {
    server = await scenario.start(fixtures, { measured, earlier, settings });
    const token = await probe(scenario.kind, fixtures, server.url, { ...scenario.probe, ...server.probe });
    process.stderr.write(`  probe ok; ${settings.warmupSeconds} s warm-up + ${settings.seconds} s load from core ${LOAD_CORE}\n`);
    const loadFile = await writeJson(fixtures, `${scenario.id}.load.json`, {
      url: server.url,
      servername: 'localhost',
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      seconds: settings.seconds,
      body: fixtures.form,
      clientKeyFile: fixtures.clientKeyFile,
      clientCertFile: fixtures.clientCertFile,
      caFile: fixtures.caFile,
      serverPid: server.child.pid,
      database: scenario.database === true,
      ...scenario.load?.settings,
      ...server.load,
    });
    const load = await runToJson(`load ${scenario.id}`, LOAD_CORE, [scenario.load?.script ?? LOAD, loadFile]);
    const warmupClean = load.warmup === undefined || load.warmup.non2xx + load.warmup.errors + load.warmup.timeouts === 0;
    const prepared = load.prepared?.exhausted !== true; // a row that ran out of prepared codes sent fewer than it could
    const valid = load.non2xx === 0 && load.errors === 0 && load.timeouts === 0 && warmupClean && prepared && load.requests > 0;
    const ms = (value) => (typeof value === 'number' ? value.toFixed(2) : '—'); // no latency when nothing was answered
    process.stderr.write(`  ${load.rate.toFixed(0)} req/s, p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms${valid ? '' : ' — INVALID'}\n`);
    return { ...description, token, valid, ...load };
  } catch (error) {
    process.stderr.write(`  FAILED: ${error.message}\n`);
    return { ...description, valid: false, failure: error.message };
  } finally {
    await server?.stop();
  }
}
