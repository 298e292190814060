import { fileURLToPath } from 'node:url';

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const NEWCONN_LOAD = here('./newconn-load.mjs');
const TLS_HANDSHAKE_CEILING = here('../peers/tls-handshake-ceiling.mjs');

/**
 * The rows of a TPP that opens a new TLS connection for every request (what Keycloak's sizing guide measures): each
 * request pays a full mutual-TLS handshake with the RSA-2048 client certificate, or, in the `-resumed` rows, resumes the
 * TLS session of the loop's previous connection. `tls-handshake-ceiling-resumed` bounds what resumption can gain: the
 * ratio of the two ceilings is the most any server doing work per request can reach. `obas` and `ceiling` are the scenario factories of scenarios.mjs
 * (obas: opaque tokens on SQLite, as obas-opaque); each row names its own load generator (`load.script`) and what it
 * adds to the load settings.
 */
export function newConnectionScenarios({ obas, ceiling }) {
  const newConnections = (scenario, resume) => ({ ...scenario, load: { script: NEWCONN_LOAD, settings: { resume } } });
  const handshakeCeiling = (id, storage, resume) =>
    newConnections(ceiling({ id, server: 'node:https', kind: 'ceiling', storage, script: TLS_HANDSHAKE_CEILING }), resume);
  return [
    handshakeCeiling('tls-handshake-ceiling', 'none: full mTLS handshake per request, constant JSON answer', false),
    handshakeCeiling('tls-handshake-ceiling-resumed', 'none: resumed mTLS handshake per request, constant JSON answer', true),
    newConnections(obas('obas-newconn'), false),
    newConnections(obas('obas-newconn-resumed'), true),
  ];
}
