import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { writeJson } from './fixtures.mjs';
import { fixedRateRow } from './fixed-rate-row.mjs';
import { obasGrantRow, oidcProviderGrantRow } from './grant-rows.mjs';
import { PREPARATION_LINE } from './grant-forms.mjs';
import { newConnectionScenarios } from './newconn-scenarios.mjs';
import { freePort, LOAD_CORE, SERVER_CORE, startServer } from './processes.mjs';

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const OBAS_CLI = here('../../dist/src/cli/main.js');
const OIDC_PROVIDER = here('../peers/oidc-provider-server.mjs');
const FASTIFY_CEILING = here('../peers/fastify-ceiling.mjs');
const HTTPS_SIGN_CEILING = here('../peers/https-sign-ceiling.mjs');

/** The environment of a server under test: nothing from the caller's OBAS_* / DATABASE_URL leaks in by accident. */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OBAS_') && key !== 'DATABASE_URL'));
  return { ...env, NODE_ENV: 'production', ...extra };
}

function peerSettings(fixtures, port, extra = {}) {
  return {
    port,
    serverKeyFile: fixtures.serverKeyFile,
    serverCertFile: fixtures.serverCertFile,
    caFile: fixtures.caFile,
    client: fixtures.client,
    ...extra,
  };
}

/**
 * obas started through its CLI (`obas start --config`), FAPI 2.0 profile, the bench client as a static client. With
 * `workers` > 1 it runs that many worker processes (`workers` in its config) on both bench cores, the load generator
 * sharing one of them: compare it with one process per second of server CPU (`per core-s`), not per second. `alg`
 * sets `accessTokenSigningAlg` (default: the profile's PS256); `grants` (grant-rows.mjs) prepares codes or refresh
 * tokens in its database before it starts. `profile` adds knobs to its profile (e.g. `lifetimes`), `config` top-level
 * sections (e.g. `housekeeping`, `metrics`); both empty in run.mjs. `shareCores` places a single process as the
 * workers are placed (both bench cores, one shared with the load generator): what placement alone costs.
 */
export function obasScenario({ id, format, databaseUrl, logLevel, workers = 1, shareCores = workers > 1, alg, grants, profile = {}, config = {} }) {
  const cores = shareCores ? `${SERVER_CORE},${LOAD_CORE}` : SERVER_CORE;
  return {
    id,
    server: 'obas',
    cores,
    kind: format,
    storageShort: databaseUrl === undefined ? 'SQLite' : 'PostgreSQL',
    database: databaseUrl !== undefined,
    storage: databaseUrl === undefined ? 'SQLite file (WAL), every token stored by hash' : 'PostgreSQL (DATABASE_URL), every token stored by hash',
    ...(alg === undefined ? {} : { probe: { alg } }),
    ...(grants === undefined ? {} : { load: grants.load }),
    async start(fixtures, context) {
      const sqliteFile = join(fixtures.root, `${id}.db`);
      const prepared = await grants?.prepare({ fixtures, id, sqliteFile, databaseUrl, context });
      const [frontPort, mtlsPort] = [await freePort(), await freePort()];
      const configFile = await writeJson(fixtures, `${id}.config.json`, {
        dataDir: fixtures.dataDir,
        issuer: `https://localhost:${frontPort}`,
        frontChannel: { host: '127.0.0.1', port: frontPort },
        mtls: { host: '127.0.0.1', port: mtlsPort },
        database: { sqliteFile },
        profile: { name: 'fapi2', accessTokenFormat: format, ...(alg === undefined ? {} : { accessTokenSigningAlg: alg }), ...profile },
        clients: [grants === undefined ? fixtures.client : grants.client(fixtures)],
        logLevel,
        workers,
        ...config,
      });
      const env = cleanEnv(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl });
      const server = await startServer(id, [OBAS_CLI, 'start', '--config', configFile], { ready: /obas is running/, env, cwd: fixtures.root, cores });
      return { ...server, url: `https://127.0.0.1:${mtlsPort}/token`, ...prepared };
    },
  };
}

/**
 * oidc-provider; `sqlite` swaps its in-memory adapter for the SQLite one of peers/ (opaque tokens only matter);
 * `grants` (grant-rows.mjs) has it prepare codes or refresh tokens before READY, in a roomier in-memory store.
 */
function oidcProviderScenario({ id, format, sqlite = false, grants }) {
  const storage = {
    jwt: ['not stored', 'JWT access tokens are not stored by oidc-provider'],
    memory: ['memory (LRU)', 'oidc-provider in-memory adapter (in-process LRU, 1000 entries)'],
    roomy: ['memory (LRU 5M)', 'oidc-provider in-memory adapter with room for 5 million entries, so that prepared codes and tokens stay'],
    sqlite: ['SQLite', 'SQLite file (WAL) through a small oidc-provider adapter, one INSERT per token'],
  }[format === 'jwt' ? 'jwt' : sqlite ? 'sqlite' : grants !== undefined ? 'roomy' : 'memory'];
  return {
    id,
    server: 'oidc-provider',
    kind: format,
    storageShort: storage[0],
    storage: storage[1],
    ...(grants === undefined ? {} : { load: grants.load }),
    async start(fixtures, context) {
      const port = await freePort();
      const extra = sqlite ? { format, sqliteFile: join(fixtures.root, `${id}.db`) } : { format };
      const prepare = grants === undefined ? {} : { client: grants.client(fixtures), ...grants.peerSettings(fixtures, id, context) };
      const settingsFile = await writeJson(fixtures, `${id}.settings.json`, peerSettings(fixtures, port, { ...extra, ...prepare }));
      const server = await startServer(id, [OIDC_PROVIDER, settingsFile], { ready: /READY \d+/, env: cleanEnv() });
      const preparation = PREPARATION_LINE.exec(server.child.tail);
      if (preparation !== null) process.stderr.write(`  ${preparation[0]}\n`);
      return { ...server, url: `https://127.0.0.1:${port}/token`, ...(await grants?.prepared(fixtures, id)) };
    },
  };
}

/**
 * A ceiling peer of peers/: a script given a settings file (plus `settings`), answering on `/token` once it prints
 * `READY <port>`; `alg` is the JWS algorithm the probe expects of a signing one.
 */
function ceilingScenario({ id, server, kind, storage, script, settings = {}, alg }) {
  return {
    id,
    server,
    kind,
    storageShort: 'none',
    storage,
    ...(alg === undefined ? {} : { probe: { alg } }),
    async start(fixtures) {
      const port = await freePort();
      const settingsFile = await writeJson(fixtures, `${id}.settings.json`, peerSettings(fixtures, port, settings));
      const started = await startServer(id, [script, settingsFile], { ready: /READY \d+/, env: cleanEnv() });
      return { ...started, url: `https://127.0.0.1:${port}/token` };
    },
  };
}

const fastifyCeiling = ceilingScenario({
  id: 'fastify-ceiling',
  server: 'fastify',
  kind: 'ceiling',
  storage: 'none: parses the form, answers a constant JSON',
  script: FASTIFY_CEILING,
});

/** A bare node:https server that signs one PS256 at+jwt per request: the most a signing TLS server gets here. */
const httpsSignCeiling = ceilingScenario({
  id: 'https-sign-ceiling',
  server: 'node:https',
  kind: 'jwt',
  storage: 'none: signs a PS256 at+jwt bound to the certificate, no client authentication',
  script: HTTPS_SIGN_CEILING,
});

/** The same with ES256 (P-256): the reference of obas-jwt-es256. */
const httpsSignCeilingEs256 = ceilingScenario({
  id: 'https-sign-ceiling-es256',
  server: 'node:https',
  kind: 'jwt',
  storage: 'none: signs an ES256 at+jwt bound to the certificate, no client authentication',
  script: HTTPS_SIGN_CEILING,
  settings: { alg: 'ES256' },
  alg: 'ES256',
});

/** Every HTTP scenario of a run, in the order they are measured; the PostgreSQL pair only when a URL is given. */
export function httpScenarios({ databaseUrl, obasLogLevel }) {
  const obas = (id, format, url, workers) => obasScenario({ id, format, logLevel: obasLogLevel, workers, ...(url === undefined ? {} : { databaseUrl: url }) });
  const obasWith = (id, options) => obasScenario({ id, format: 'opaque', logLevel: obasLogLevel, ...options });
  return [
    fastifyCeiling,
    fixedRateRow({ ...fastifyCeiling, id: 'fastify-ceiling-fixed-rate' }, { peakId: 'fastify-ceiling', reference: true }),
    obas('obas-opaque', 'opaque'),
    fixedRateRow(obas('obas-opaque-fixed-rate', 'opaque'), { peakId: 'obas-opaque' }),
    obas('obas-workers-2', 'opaque', undefined, 2),
    obasWith('obas-opaque-shared', { shareCores: true }),
    oidcProviderScenario({ id: 'oidc-provider-opaque', format: 'opaque' }),
    oidcProviderScenario({ id: 'oidc-provider-opaque-sqlite', format: 'opaque', sqlite: true }),
    httpsSignCeiling,
    obas('obas-jwt', 'jwt'),
    oidcProviderScenario({ id: 'oidc-provider-jwt', format: 'jwt' }),
    httpsSignCeilingEs256,
    obasWith('obas-jwt-es256', { format: 'jwt', alg: 'ES256' }),
    obasWith('obas-code', { grants: obasGrantRow('code') }),
    oidcProviderScenario({ id: 'oidc-provider-code', format: 'opaque', grants: oidcProviderGrantRow('code') }),
    obasWith('obas-refresh', { grants: obasGrantRow('refresh') }),
    oidcProviderScenario({ id: 'oidc-provider-refresh', format: 'opaque', grants: oidcProviderGrantRow('refresh') }),
    ...newConnectionScenarios({ obas: (id) => obas(id, 'opaque'), ceiling: ceilingScenario }),
    ...(databaseUrl === undefined ? [] : [obas('obas-opaque-pg', 'opaque', databaseUrl), obas('obas-workers-2-pg', 'opaque', databaseUrl, 2), obas('obas-jwt-pg', 'jwt', databaseUrl)]),
  ];
}
