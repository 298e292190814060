import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { watchCpu } from './cpu-usage.mjs';
import { summarize } from './latency.mjs';
import { clientSecureContext, formRequestBytes } from './raw-request.mjs';

/**
 * The load generator of the new-connection rows (run pinned to its own core): N loops, each opening a new TLS
 * connection for every request — a full mutual-TLS handshake presenting the TPP's RSA-2048 certificate, or with
 * `resume` the session of the loop's previous connection (a TLS 1.3 ticket, RFC 8446 §2.2) — then one
 * `POST` with `Connection: close`, reading the answer until the server closes. The warm-up (discarded, errors still
 * count) first sends the same request over a few keep-alive connections, then opens new connections as measured: at
 * the few dozen handshakes per second a core allows, the server's JIT would otherwise still be compiling the request
 * path during the measured seconds, unlike a long-running server's. It prints one JSON line shaped like load.mjs's,
 * plus how many connections resumed. With `resume`, a measured run in which fewer than 95 % of the connections resumed
 * fails: it would not measure what it says.
 */
const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const target = new URL(settings.url);
const TIMEOUT_MS = 10_000;
const MIN_RESUMED_SHARE = 0.95;

/** One secure context for every connection: the certificate and key are parsed once, as a real client would. */
const secureContext = clientSecureContext(settings);
const request = formRequestBytes(settings, target, settings.body, ['connection: close']);

/** One request on a new connection: its status (0 on a socket error or timeout), time, resumption and new session. */
function exchange(session) {
  return new Promise((resolve) => {
    const started = performance.now();
    let head = '';
    let status = 0;
    let latest;
    let outcome = 'ok';
    const socket = connect({ host: target.hostname, port: Number(target.port), servername: settings.servername, secureContext, session });
    const timer = setTimeout(() => {
      outcome = 'timeout';
      socket.destroy();
    }, TIMEOUT_MS);
    socket.setNoDelay(true);
    socket.once('secureConnect', () => socket.write(request));
    socket.on('session', (ticket) => {
      latest = ticket;
    });
    socket.on('data', (chunk) => {
      if (status !== 0 || head.length > 64) return;
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (match !== null) status = Number(match[1]);
    });
    socket.once('end', () => {
      resolve({ status, ms: performance.now() - started, reused: socket.isSessionReused(), session: latest, outcome });
    });
    socket.once('error', () => {
      if (outcome === 'ok') outcome = 'error';
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ status: 0, ms: performance.now() - started, reused: false, session: latest, outcome: outcome === 'ok' ? 'error' : outcome });
    });
  });
}

/** The same request over 8 keep-alive connections for `seconds`, so that the server runs its request path hot. */
async function keepAliveWarmup(seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8, secureContext, servername: settings.servername });
  const tally = { requests: 0, non2xx: 0, errors: 0, timeouts: 0, statusCodes: {} };
  const post = () =>
    new Promise((resolve) => {
      const outgoing = httpsRequest(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', timeout: TIMEOUT_MS,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => resolve(0));
      outgoing.end(settings.body);
    });
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) {
        const status = await post();
        if (status === 0) tally.errors += 1;
        else {
          tally.requests += 1;
          tally.statusCodes[status] = (tally.statusCodes[status] ?? 0) + 1;
          if (status < 200 || status > 299) tally.non2xx += 1;
        }
      }
    }),
  );
  agent.destroy();
  return tally;
}

/** Every loop's last session survives from the warm-up into the measured run. */
const sessions = new Array(settings.connections).fill(undefined);

async function run(durationSeconds, record) {
  const tally = { requests: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, statusCodes: {}, connections: 0, resumed: 0 };
  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  const loop = async (index) => {
    while (performance.now() < deadline) {
      const result = await exchange(settings.resume ? sessions[index] : undefined);
      if (settings.resume && result.session !== undefined) sessions[index] = result.session;
      tally.connections += 1;
      if (result.reused) tally.resumed += 1;
      if (result.outcome === 'timeout') tally.timeouts += 1;
      else if (result.status === 0) tally.errors += 1;
      else {
        tally.requests += 1;
        tally.statusCodes[result.status] = (tally.statusCodes[result.status] ?? 0) + 1;
        if (result.status >= 200 && result.status <= 299) {
          tally.ok += 1;
          record?.(result.ms);
        } else tally.non2xx += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: settings.connections }, (_, index) => loop(index)));
  return { ...tally, seconds: (performance.now() - started) / 1000 };
}

const outcome = (tally) => ({ non2xx: tally.non2xx, errors: tally.errors, timeouts: tally.timeouts, statusCodes: tally.statusCodes });

const jitWarmup = settings.warmupSeconds > 0 ? await keepAliveWarmup(settings.warmupSeconds) : undefined;
const connectionWarmup = settings.warmupSeconds > 0 ? await run(settings.warmupSeconds) : undefined;
const warmup =
  jitWarmup === undefined || connectionWarmup === undefined
    ? undefined
    : {
        requests: jitWarmup.requests + connectionWarmup.requests,
        non2xx: jitWarmup.non2xx + connectionWarmup.non2xx,
        errors: jitWarmup.errors + connectionWarmup.errors,
        timeouts: jitWarmup.timeouts + connectionWarmup.timeouts,
        statusCodes: { keepAlive: jitWarmup.statusCodes, newConnections: connectionWarmup.statusCodes },
      };

const cpu = watchCpu({ serverPid: settings.serverPid, database: settings.database });
let latencies = new Float64Array(1 << 16);
let recorded = 0;
const measured = await run(settings.seconds, (ms) => {
  if (recorded === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[recorded++] = ms;
});
const cpuUsage = cpu.stop();

const resumedShare = measured.connections === 0 ? 0 : measured.resumed / measured.connections;
if (settings.resume && resumedShare < MIN_RESUMED_SHARE) {
  process.stderr.write(`only ${(100 * resumedShare).toFixed(1)}% of the connections resumed their TLS session\n`);
  process.exit(1);
}

process.stdout.write(
  `${JSON.stringify({
    connections: settings.connections,
    newConnectionPerRequest: true,
    seconds: measured.seconds,
    requests: measured.ok,
    rate: measured.ok / measured.seconds,
    tlsConnections: measured.connections,
    resumedShare,
    ...summarize(latencies.subarray(0, recorded)),
    ...outcome(measured),
    ...(warmup === undefined ? {} : { warmup: { requests: warmup.requests, ...outcome(warmup) } }),
    ...(cpuUsage === undefined
      ? {}
      : {
          cpu: {
            serverCorePercent: cpuUsage.serverCorePercent,
            loadCorePercent: cpuUsage.selfCorePercent,
            ...(settings.database ? { databaseCorePercent: cpuUsage.databaseCorePercent } : {}),
            otherProcessesPercent: cpuUsage.otherProcessesPercent,
          },
        }),
  })}\n`,
);
