import cluster from 'node:cluster';
import { once } from 'node:events';
import Fastify from 'fastify';
import { announceReady, benchServerTls, readSettings } from './server-tls.mjs';

/**
 * The bare ceiling: Fastify 5 over the same mutual-TLS options as obas, answering POST /token with a constant JSON
 * body after parsing the form. Whatever obas does beyond this (client authentication, token issuance, storage) is its
 * own cost. With `workers` > 1 in its settings it runs that many node:cluster workers sharing the port, the primary
 * accepting connections and handing them over, as `obas start --workers N` does: what two processes of a bare server
 * give on this machine.
 */
const settings = readSettings();
const workers = settings.workers ?? 1;

async function serve() {
  const app = Fastify({ https: benchServerTls(settings), logger: false, keepAliveTimeout: 65_000 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, new URLSearchParams(body));
  });
  const answer = JSON.stringify({ access_token: 'constant', token_type: 'Bearer', expires_in: 300, scope: 'accounts' });
  app.post('/token', (request, reply) => {
    if (request.body.get('grant_type') !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    return reply.header('cache-control', 'no-store').type('application/json').send(answer);
  });
  await app.listen({ host: '127.0.0.1', port: settings.port });
  return app;
}

if (workers > 1 && cluster.isPrimary) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  await Promise.all(forked.map((worker) => once(worker, 'listening')));
  announceReady(settings.port, () => Promise.all(forked.map((worker) => (worker.kill('SIGTERM'), once(worker, 'exit')))));
} else if (workers > 1) {
  const app = await serve();
  process.once('SIGTERM', () => app.close().finally(() => process.exit(0)));
} else {
  const app = await serve();
  announceReady(settings.port, () => app.close());
}
