import Fastify from 'fastify';
import { announceReady, benchServerTls, readSettings } from './server-tls.mjs';

/**
 * The bare ceiling: Fastify 5 over the same mutual-TLS options as obas, answering POST /token with a constant JSON
 * body after parsing the form. Whatever obas does beyond this (client authentication, token issuance, storage) is its
 * own cost.
 */
const settings = readSettings();
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
announceReady(settings.port, () => app.close());
