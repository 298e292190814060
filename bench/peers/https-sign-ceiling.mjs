import { constants, createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { announceReady, createFormServer, readSettings } from './server-tls.mjs';

/**
 * The practical ceiling for JWT access tokens: a bare `node:https` server on obas's mutual-TLS options that answers
 * each `POST /token` (form body, `grant_type=client_credentials`) with a freshly signed RFC 9068 access token of the
 * shape obas issues — PS256 (RSA-2048) or, with `settings.alg` = `ES256`, ES256 (P-256, RFC 7518 §3.4) with
 * `node:crypto`, `cnf.x5t#S256` of the presented certificate — and nothing else: no routing framework, no client
 * authentication, no storage, no logging. Whatever obas-jwt loses against this row is obas's own cost; what this row
 * loses against the sign ceiling is the cost of TLS and HTTP on the same core.
 */
const settings = readSettings();
const issuer = `https://localhost:${settings.port}`;
const alg = settings.alg ?? 'PS256';
/** node:crypto sign options of each algorithm, as obas's JWS signer uses them (PSS salt = hash length; R‖S for ECDSA). */
const SIGNERS = {
  PS256: () => ({ key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
  ES256: () => ({ key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, dsaEncoding: 'ieee-p1363' }),
};
if (SIGNERS[alg] === undefined) throw new Error(`alg ${alg}: expected one of ${Object.keys(SIGNERS).join(', ')}`);
const signOptions = SIGNERS[alg]();
const encodedHeader = Buffer.from(JSON.stringify({ typ: 'at+jwt', alg, kid: randomBytes(32).toString('base64url') })).toString('base64url');

const thumbprints = new WeakMap();
/** RFC 8705 §3.1 thumbprint of the connection's client certificate, computed once per TLS connection. */
function thumbprintOf(socket) {
  let thumbprint = thumbprints.get(socket);
  if (thumbprint === undefined) {
    const certificate = socket.getPeerX509Certificate?.();
    thumbprint = certificate === undefined ? null : createHash('sha256').update(certificate.raw).digest('base64url');
    thumbprints.set(socket, thumbprint);
  }
  return thumbprint;
}

function signedAccessToken(form, thumbprint) {
  const now = Math.floor(Date.now() / 1000);
  const clientId = form.get('client_id') ?? '';
  const payload = {
    iss: issuer,
    sub: clientId,
    aud: issuer,
    exp: now + 300,
    iat: now,
    jti: randomBytes(16).toString('base64url'),
    client_id: clientId,
    scope: form.get('scope') ?? '',
    cnf: { 'x5t#S256': thumbprint },
  };
  const signingInput = `${encodedHeader}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), signOptions).toString('base64url')}`;
}

function answer(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const server = createFormServer(settings, (request, response, form) => {
  const thumbprint = thumbprintOf(request.socket);
  if (request.url !== '/token' || request.method !== 'POST') return answer(response, 404, { error: 'not_found' });
  if (form.get('grant_type') !== 'client_credentials') return answer(response, 400, { error: 'unsupported_grant_type' });
  if (thumbprint === null) return answer(response, 401, { error: 'invalid_client' });
  return answer(response, 200, { access_token: signedAccessToken(form, thumbprint), token_type: 'Bearer', expires_in: 300, scope: form.get('scope') });
});
server.listen(settings.port, '127.0.0.1', () => announceReady(settings.port, () => new Promise((done) => server.close(done))));
