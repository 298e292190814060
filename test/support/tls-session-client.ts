import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';

/** The TLS side of a client that opens a new connection for every request. */
export interface NewConnectionTls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
  /** Default: TLS 1.3 (obas's default maximum). */
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** What one request on a new TLS connection saw. */
export interface NewConnectionExchange {
  readonly status: number;
  readonly json: Record<string, unknown>;
  /** `socket.isSessionReused()`: the connection resumed the session it offered (RFC 8446 §2.2, RFC 5077). */
  readonly reused: boolean;
  /** The last session the server gave on this connection (a TLS 1.3 ticket), to offer on the next one. */
  readonly session: Buffer | undefined;
}

/**
 * POSTs a form on a new TLS connection (node:https, no agent), offering `session` for resumption when given, and
 * reports whether the connection resumed it. The connection goes to `url`'s port on 127.0.0.1 with SNI `localhost`.
 */
export function postOnNewConnection(url: string, tls: NewConnectionTls, form: string, session?: Buffer): Promise<NewConnectionExchange> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let latest: Buffer | undefined;
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: 'POST',
        servername: 'localhost',
        ca: tls.caPem,
        cert: tls.certPem,
        key: tls.keyPem,
        ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
        ...(session === undefined ? {} : { session }),
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
      },
      (response) => {
        const reused = (response.socket as TLSSocket).isSessionReused();
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, json: body === '' ? {} : (JSON.parse(body) as Record<string, unknown>), reused, session: latest });
        });
      },
    );
    outgoing.on('socket', (socket) => {
      socket.on('session', (ticket: Buffer) => {
        latest = ticket;
      });
    });
    outgoing.on('error', reject);
    outgoing.end(form);
  });
}
