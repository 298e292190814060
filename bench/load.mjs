import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { watchCpu } from './lib/cpu-usage.mjs';
import { summarize } from './lib/latency.mjs';
import { cpuMember, createLatencies } from './lib/load-result.mjs';

/**
 * The load generator (run pinned to its own core): autocannon with N keep-alive connections presenting the TPP client
 * certificate, POSTing the client_credentials form to one token endpoint. A warm-up run is discarded, then the
 * measured run records every response time (sub-millisecond precision) and prints one JSON line: req/s of 2xx
 * answers, latency percentiles, every non-2xx, error and timeout, and the CPU use of the server, of this process and
 * of everything else during the measured run.
 */
const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tlsOptions = {
  cert: readFileSync(settings.clientCertFile),
  key: readFileSync(settings.clientKeyFile),
  ca: readFileSync(settings.caFile),
};

function run(durationSeconds, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: settings.url,
        servername: settings.servername,
        tlsOptions,
        connections: settings.connections,
        pipelining: 1,
        duration: durationSeconds,
        timeout: 10,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: settings.body,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse !== undefined) instance.on('response', onResponse);
  });
}

function outcome(result) {
  return { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, statusCodes: result.statusCodeStats };
}

const warmup = settings.warmupSeconds > 0 ? await run(settings.warmupSeconds) : undefined;

const cpu = watchCpu({ serverPid: settings.serverPid, database: settings.database });
const latencies = createLatencies();
const result = await run(settings.seconds, (_client, statusCode, _bytes, responseTime) => {
  if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTime);
});
const ok = latencies.values().length;
const cpuUsage = cpu.stop();

process.stdout.write(
  `${JSON.stringify({
    connections: settings.connections,
    seconds: result.duration,
    requests: ok,
    rate: ok / result.duration,
    ...summarize(latencies.values()),
    ...outcome(result),
    ...(warmup === undefined ? {} : { warmup: { requests: warmup.requests.total, ...outcome(warmup) } }),
    ...cpuMember(cpuUsage, settings.database),
  })}\n`,
);
