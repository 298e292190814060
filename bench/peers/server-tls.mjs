import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
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

const MAX_BODY_BYTES = 4_096;

/**
 * A bare `node:https` server with obas's mTLS options whose handler gets each request's form body (a request over
 * 4 KiB is dropped): the shape both ceiling peers share.
 */
export function createFormServer(settings, handle) {
  return createServer({ ...benchServerTls(settings), keepAliveTimeout: 65_000 }, (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) request.destroy();
    });
    request.on('end', () => handle(request, response, new URLSearchParams(body)));
  });
}
