import cluster from 'node:cluster';
import { Command } from 'commander';
import type { Logger } from 'pino';
import { relative } from 'node:path';
import { createObasLogger } from '../app/obas-logger.js';
import { startObas, type RunningObas } from '../app/obas-app.js';
import { reportWorkerReady, startWorkerPool, WORKER_SLOT_ENV } from '../app/worker-pool.js';
import type { ObasConfig } from '../config/config.types.js';
import type { ConfigFlags } from '../config/config-overrides.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { HEALTH_PATHS } from '../endpoints/health.endpoint.js';
import { SANDBOX_DIRECTORY_JWKS_PATH } from '../registration/sandbox-directory.js';
import type { ConfigLoader } from './cli-context.js';
import { explainListenFailure } from './listen-failure.js';
import { missingServerNodeFlags } from './server-node-flags.js';

/**
 * `obas start`: runs the server until SIGINT/SIGTERM, then shuts down gracefully (requests in flight drained within
 * the bound, database closed). With `workers` > 1 this process becomes the primary of that many workers (node:cluster)
 * sharing the listeners; each worker runs this same command and serves.
 */
export function startCommand(loadConfig: ConfigLoader): Command {
  return new Command('start')
    .description('run the authorization server (front channel + mutual TLS listeners)')
    .configureHelp({ showGlobalOptions: true })
    .option('--data-dir <dir>', 'data directory (keys, dev PKI, SQLite database)')
    .option('--profile <name>', 'fapi2 | uk-ob | stet')
    .option('--issuer <url>', 'issuer identifier (front-channel base URL)')
    .option('--front-host <host>', 'front-channel listen address')
    .option('--front-port <port>', 'front-channel port')
    .option('--mtls-host <host>', 'mutual-TLS listen address')
    .option('--mtls-port <port>', 'mutual-TLS port')
    .option('--mtls-base-url <url>', 'public base URL of the mutual-TLS listener')
    .option('--database-url <url>', 'PostgreSQL URL (otherwise SQLite in the data directory)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .option('--workers <n>', 'processes sharing the listeners (default: 1 in development, the core count otherwise)')
    .action(async (flags: ConfigFlags) => {
      const config = await loadConfig(flags);
      const logger = createObasLogger(config.logLevel);
      if (cluster.isWorker) return runWorker(config, logger);
      const missing = missingServerNodeFlags();
      if (missing.length > 0) logger.info({ missing }, 'node was started without obas\'s recommended flags (npm start and the obas command pass them): longer garbage-collection pauses');
      const server = config.workers > 1 ? await startWorkers(config, logger) : await startSingle(config, logger);
      process.stdout.write(welcome(config, server));
      stopOnSignals(logger, () => server.close());
    });
}

/** What the welcome text and the signal handling need of a started server, one process or several. */
interface StartedServer extends Pick<RunningObas, 'frontChannelUrl' | 'mtlsUrl' | 'devCaCertificateFile' | 'metricsUrl'> {
  readonly workers: number;
  close(): Promise<{ readonly forced: boolean }>;
}

async function startSingle(config: ObasConfig, logger: Logger): Promise<StartedServer> {
  const running = await startObas(config, logger).catch((error: unknown) => {
    throw explainListenFailure(error, config);
  });
  return { ...running, workers: 1 };
}

async function startWorkers(config: ObasConfig, logger: Logger): Promise<StartedServer> {
  const pool = await startWorkerPool(config, config.workers, logger);
  return { ...pool.endpoints, ...(pool.metricsUrl === undefined ? {} : { metricsUrl: pool.metricsUrl }), workers: pool.workers, close: () => pool.close() };
}

/** A worker of `--workers N`: serves until the primary asks it to stop (or goes away), then drains and exits. */
async function runWorker(config: ObasConfig, logger: Logger): Promise<void> {
  const slot = process.env[WORKER_SLOT_ENV] ?? '?';
  const workerLogger = logger.child({ worker: slot });
  const running = await startObas(config, workerLogger, { metricsVia: 'primary' }).catch((error: unknown) => {
    throw explainListenFailure(error, config);
  });
  reportWorkerReady(running);
  stopOnSignals(workerLogger, () => running.close());
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

/**
 * Stops gracefully on SIGINT/SIGTERM, logs one `shutdown` line and exits 0. Further signals during the drain change
 * nothing: a terminal's Ctrl-C reaches npm and obas both, and npm forwards it again.
 */
function stopOnSignals(logger: Logger, close: () => Promise<{ readonly forced: boolean }>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    close().then(
      (report) => {
        logger[report.forced ? 'warn' : 'info']({ signal, ...report }, 'shutdown');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ signal, detail: String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function welcome(config: ObasConfig, running: StartedServer): string {
  const storage = config.databaseUrl === undefined ? `SQLite ${shortPath(config.sqliteFile)}` : 'PostgreSQL (DATABASE_URL)';
  const processes = running.workers === 1 ? '' : `, ${running.workers} workers`;
  return [
    '',
    `obas is running — profile ${config.profile.name}, ${storage}${processes}`,
    `  issuer (front channel)  ${config.issuer}   [listening on ${running.frontChannelUrl}]`,
    `  discovery               ${config.issuer}${ENDPOINT_PATHS.openidConfiguration}`,
    `  PSU authorization       ${config.issuer}${ENDPOINT_PATHS.authorization}   [${sandboxPsus(config)}]`,
    `  mutual TLS              ${config.mtlsBaseUrl}${ENDPOINT_PATHS.token}   [listening on ${running.mtlsUrl}]`,
    `  dev CA certificate      ${shortPath(running.devCaCertificateFile)}`,
    `  health, readiness       ${config.issuer}${HEALTH_PATHS.liveness}, ${config.issuer}${HEALTH_PATHS.readiness}`,
    `  Prometheus metrics      ${running.metricsUrl ?? 'off'}`,
    `  registration            ${config.mtlsBaseUrl}${ENDPOINT_PATHS.registration}`,
    ...(config.directory.sandbox ? [`  sandbox directory JWKS  ${config.issuer}${SANDBOX_DIRECTORY_JWKS_PATH}`] : []),
    '',
    'Next: issue a TPP test certificate signed by the dev CA:',
    '  npx obas pki issue-tpp --org "Example TPP" --org-id PSDGB-FCA-123456 --roles PSP_AI,PSP_PI --out ./tpp',
    'then register it (README: "Register a TPP and get a token in five commands") and ask for a token:',
    `  curl --cacert ${shortPath(running.devCaCertificateFile)} --cert ./tpp/tpp.pem --key ./tpp/tpp.key \\`,
    `       -d grant_type=client_credentials -d client_id=<client_id> ${config.mtlsBaseUrl}${ENDPOINT_PATHS.token}`,
    '',
  ].join('\n');
}

function sandboxPsus(config: ObasConfig): string {
  const names = config.sandbox.psus.map((psu) => psu.username);
  return names.length === 0 ? 'no sandbox PSUs: nobody can log in' : `sandbox PSUs: ${names.join(', ')}`;
}

function shortPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') ? path : `./${relativePath}`;
}
