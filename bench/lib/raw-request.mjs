import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

/** One secure context for every connection of a load generator: the TPP certificate and key of the load settings. */
export function clientSecureContext(settings) {
  return createSecureContext({
    cert: readFileSync(settings.clientCertFile),
    key: readFileSync(settings.clientKeyFile),
    ca: readFileSync(settings.caFile),
  });
}

/** The bytes of the load's `POST` of its form `body` to `target` (a URL), with any `extraHeaders` lines. */
export function formRequestBytes(settings, target, body, extraHeaders = []) {
  return Buffer.from(
    [
      `POST ${target.pathname} HTTP/1.1`,
      `host: ${settings.servername}:${target.port}`,
      'content-type: application/x-www-form-urlencoded',
      'accept: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      ...extraHeaders,
      '',
      body,
    ].join('\r\n'),
  );
}
