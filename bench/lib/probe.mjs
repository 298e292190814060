import { readFileSync } from 'node:fs';
import { request } from 'node:https';

/** One token request over mutual TLS, verifying the server certificate against the dev CA. */
function postToken(fixtures, url, form) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        servername: 'localhost',
        ca: readFileSync(fixtures.caFile),
        cert: readFileSync(fixtures.clientCertFile),
        key: readFileSync(fixtures.clientKeyFile),
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', reject);
    req.end(form);
  });
}

function decodeSegment(segment) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** What each kind of scenario must answer, so that a fast wrong answer never counts as a result. */
function checkToken(kind, answer, fixtures, alg) {
  if (kind === 'ceiling') return;
  if (answer.token_type?.toLowerCase() !== 'bearer' || typeof answer.access_token !== 'string') throw new Error('no Bearer access_token');
  if (!answer.scope?.split(' ').includes('accounts')) throw new Error(`scope is ${answer.scope}, expected accounts`);
  const parts = answer.access_token.split('.');
  if (kind === 'opaque') {
    if (parts.length === 3) throw new Error('expected an opaque token, got a JWT');
    return;
  }
  if (parts.length !== 3) throw new Error('expected a JWT access token');
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (header.alg !== alg || header.typ?.toLowerCase() !== 'at+jwt') throw new Error(`JWT header is ${JSON.stringify(header)}`);
  if (payload.cnf?.['x5t#S256'] !== fixtures.clientThumbprint) throw new Error('JWT is not bound to the client certificate (cnf)');
}

/**
 * Sends one token request before a scenario is measured and checks the answer (200, Bearer token, scope; opaque vs.
 * `at+jwt` of `alg` bound to the certificate by `cnf.x5t#S256`; with `refreshToken`, a refresh token too). `form` is
 * the request body (default: the client_credentials form). Returns a short description of the token for the report.
 */
export async function probe(kind, fixtures, url, { form = fixtures.form, alg = 'PS256', refreshToken = false } = {}) {
  const { status, body } = await postToken(fixtures, url, form);
  if (status !== 200) throw new Error(`probe of ${url} answered ${status}: ${body.slice(0, 500)}`);
  const answer = JSON.parse(body);
  try {
    checkToken(kind, answer, fixtures, alg);
    if (refreshToken && typeof answer.refresh_token !== 'string') throw new Error('no refresh_token');
  } catch (error) {
    throw new Error(`probe of ${url}: ${error.message}: ${body.slice(0, 500)}`);
  }
  return { tokenLength: answer.access_token.length, expiresIn: answer.expires_in };
}
