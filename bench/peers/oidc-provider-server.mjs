import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:https';
import Provider from 'oidc-provider';
import { certificateSubjectDn } from '../../dist/src/pki/distinguished-name.js';
import { roomyMemoryAdapter, seedOidcProviderGrants } from './oidc-provider-grant-seeds.mjs';
import { sqliteAdapterFactory } from './oidc-provider-sqlite-adapter.mjs';
import { announceReady, benchServerTls, readSettings } from './server-tls.mjs';

/**
 * The peer: node-oidc-provider 9 (Koa) behind a node:https server with obas's mutual-TLS options, set up like obas
 * for the benchmark: FAPI 2.0, `tls_client_auth` only (RFC 8705 §2.1, subject DN match), certificate-bound access
 * tokens (RFC 8705 §3), client_credentials, scopes `accounts payments`, access tokens living 300 s, opaque or PS256
 * JWT (RFC 9068) as `settings.format` says. Storage: oidc-provider's in-memory adapter, or SQLite when
 * `settings.sqliteFile` is set. With `settings.grants` (the authorization_code and refresh_token rows) the client is
 * also registered for those grants, a refresh token is issued for the `accounts` scope and rotated as obas's profile
 * does (`settings.grants.rotate`), and the codes or refresh tokens are prepared before READY in the in-memory adapter,
 * given room enough to keep them (peers/oidc-provider-grant-seeds.mjs).
 */
const settings = readSettings();
const issuer = `https://localhost:${settings.port}`;
const RESOURCE = 'https://rs.bench.example';

const signingJwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const peers = new WeakMap();
/** The presented certificate, its chain verdict and RFC 4514 subject, read once per TLS connection as obas does. */
function peerOf(socket) {
  let peer = peers.get(socket);
  if (peer === undefined) {
    const certificate = socket.getPeerX509Certificate?.();
    peer = certificate === undefined
      ? { certificate: undefined, authorized: false, subjectDn: undefined }
      : { certificate, authorized: socket.authorized === true, subjectDn: certificateSubjectDn(new Uint8Array(certificate.raw)) };
    peers.set(socket, peer);
  }
  return peer;
}

const grants = settings.grants;
const adapter = settings.sqliteFile !== undefined ? sqliteAdapterFactory(settings.sqliteFile) : grants === undefined ? undefined : roomyMemoryAdapter();
const provider = new Provider(issuer, {
  ...(adapter === undefined ? {} : { adapter }),
  clients: [{ redirect_uris: [], response_types: [], ...settings.client, id_token_signed_response_alg: 'PS256' }],
  clientAuthMethods: ['tls_client_auth'],
  scopes: ['accounts', 'payments'],
  jwks: { keys: [{ ...signingJwk, alg: 'PS256', use: 'sig', kid: 'bench-ps256' }] },
  enabledJWA: { idTokenSigningAlgValues: ['PS256'] },
  ttl: {
    ClientCredentials: 300,
    ...(grants === undefined ? {} : { AuthorizationCode: grants.codeSeconds, Grant: grants.refreshSeconds, RefreshToken: grants.refreshSeconds }),
  },
  ...(grants === undefined
    ? {}
    : {
        findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
        issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('accounts'),
        rotateRefreshToken: grants.rotate,
      }),
  features: {
    devInteractions: { enabled: false },
    fapi: { enabled: true, profile: '2.0' },
    clientCredentials: { enabled: true },
    mTLS: {
      enabled: true,
      certificateBoundAccessTokens: true,
      tlsClientAuth: true,
      getCertificate: (ctx) => peerOf(ctx.socket).certificate,
      certificateAuthorized: (ctx) => peerOf(ctx.socket).authorized,
      certificateSubjectMatches: (ctx, property, expected) =>
        property === 'tls_client_auth_subject_dn' && peerOf(ctx.socket).subjectDn === expected,
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'accounts payments',
        audience: RESOURCE,
        accessTokenTTL: 300,
        accessTokenFormat: settings.format,
        ...(settings.format === 'jwt' ? { jwt: { sign: { alg: 'PS256' } } } : {}),
      }),
    },
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server_error: ${error.stack}\n`));

if (grants !== undefined) await seedOidcProviderGrants(provider, { ...grants, resource: RESOURCE, clientId: settings.client.client_id });

const server = createServer(benchServerTls(settings), provider.callback());
server.keepAliveTimeout = 65_000;
server.listen(settings.port, '127.0.0.1', () => announceReady(settings.port, () => new Promise((done) => server.close(done))));
