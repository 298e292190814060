import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
const TIMEOUT_MS = 10_000;

/**
 * An undici connection pool to one token endpoint over mutual TLS, presenting the TPP client certificate of the load
 * settings (`clientCertFile`, `clientKeyFile`, checked against `caFile` as `servername`), as autocannon does in
 * load.mjs. Up to `connections` keep-alive connections are opened, each only when the others are all busy.
 */
export function mutualTlsPool(settings, connections) {
  const target = new URL(settings.url);
  const pool = new Pool(target.origin, {
    connections,
    pipelining: 1,
    connect: {
      servername: settings.servername,
      cert: readFileSync(settings.clientCertFile),
      key: readFileSync(settings.clientKeyFile),
      ca: readFileSync(settings.caFile),
    },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    keepAliveTimeout: 65_000,
  });
  return { pool, path: target.pathname };
}

/**
 * Counts of the answers of one run: 2xx, non-2xx by status, socket errors and timeouts (the shape load.mjs reports).
 */
export function createTally() {
  return { ok: 0, non2xx: 0, errors: 0, timeouts: 0, statusCodes: {} };
}

/**
 * POSTs one form and reads the whole answer; resolves the status (0 after an error or timeout, which `tally` counts)
 * and never rejects, so one failure never stops a load loop.
 */
export async function postForm({ pool, path }, body, tally) {
  try {
    const response = await pool.request({ method: 'POST', path, headers: FORM_HEADERS, body });
    await response.body.dump({ limit: Number.POSITIVE_INFINITY });
    countAnswer(tally, response.statusCode, 'ok');
    return response.statusCode;
  } catch (error) {
    countAnswer(tally, 0, error?.code === 'UND_ERR_HEADERS_TIMEOUT' || error?.code === 'UND_ERR_BODY_TIMEOUT' ? 'timeout' : 'error');
    return 0;
  }
}

/** Counts one answer in `tally`: its status when `outcome` is `'ok'`, else a socket error or a timeout. */
export function countAnswer(tally, status, outcome) {
  if (outcome === 'timeout') tally.timeouts += 1;
  else if (outcome === 'error') tally.errors += 1;
  else {
    tally.statusCodes[status] = (tally.statusCodes[status] ?? 0) + 1;
    if (status >= 200 && status <= 299) tally.ok += 1;
    else tally.non2xx += 1;
  }
}
