import { announceReady, createFormServer, readSettings } from './server-tls.mjs';

/**
 * The ceiling of a new TLS connection per request: a bare `node:https` server on obas's mutual-TLS options (the same
 * full handshake: TLS 1.3, the client's RSA-2048 certificate requested and sent) answering `POST /token` with a
 * constant JSON body, after reading the form and the presented certificate (as any mTLS server must; the leaf alone,
 * by the cheapest read Node has, as obas reads it: the short `getPeerCertificate()` after a full handshake, the
 * `getPeerX509Certificate()` wrapper of the session's certificate on a resumed one). No framework, no client
 * authentication, no storage. Whatever obas-newconn loses against this row is obas's own per-connection and
 * per-request cost.
 */
const settings = readSettings();
const answer = JSON.stringify({ access_token: 'constant', token_type: 'Bearer', expires_in: 300, scope: 'accounts' });

const server = createFormServer(settings, (request, response, form) => {
  const { socket } = request;
  const certificate = socket.isSessionReused?.() ? socket.getPeerX509Certificate?.()?.raw : socket.getPeerCertificate?.()?.raw;
  const [status, json] =
    request.url !== '/token' || request.method !== 'POST'
      ? [404, '{"error":"not_found"}']
      : form.get('grant_type') !== 'client_credentials'
        ? [400, '{"error":"unsupported_grant_type"}']
        : certificate === undefined
          ? [401, '{"error":"invalid_client"}']
          : [200, answer];
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  response.end(json);
});
server.listen(settings.port, '127.0.0.1', () => announceReady(settings.port, () => new Promise((done) => server.close(done))));
