import { readFileSync } from 'node:fs';
import { mutualTls } from '../../dist/src/http/tls-options.js';

/**
 * The TLS options of obas's mTLS listener (TLS ≥ 1.2, FAPI cipher suites, `requestCert`, chain checked by the
 * application, `ca` = the dev CA), built by obas's own `mutualTls` so that every peer terminates TLS identically.
 */
export function benchServerTls(settings) {
  return mutualTls(
    { keyPem: readFileSync(settings.serverKeyFile, 'utf8'), certPem: readFileSync(settings.serverCertFile, 'utf8') },
    [readFileSync(settings.caFile, 'utf8')],
  );
}

/** Reads the JSON settings file named by the first command-line argument. */
export function readSettings() {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: node <peer>.mjs <settings.json>');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Tells the orchestrator the server is accepting connections, then stops cleanly on SIGTERM. */
export function announceReady(port, close) {
  process.stdout.write(`READY ${port}\n`);
  process.once('SIGTERM', () => {
    Promise.resolve(close()).finally(() => process.exit(0));
  });
}
