import { clientOf } from '../clients/client.js';
import { Command } from 'commander';
import { hashSecret } from '../client-auth/secret-hash.js';
import { removeClient } from '../registration/client-removal.js';
import { randomHandle } from '../tokens/token-hash.js';
import type { ConfigLoader } from './cli-context.js';
import { withStorage } from './cli-storage.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `obas clients …`: list, show and delete registered clients; hash a client secret for the configuration file. */
export function clientsCommand(loadConfig: ConfigLoader): Command {
  const command = new Command('clients').description('registered clients (from the configuration and from registration)');
  command
    .command('list')
    .description('list every client: id, source, auth method, name')
    .action(() =>
      withStorage(loadConfig, async (storage) => {
        for (const record of await storage.clients.list()) {
          const client = clientOf(record);
          const name = client.displayName === client.clientId ? '' : client.displayName;
          process.stdout.write(`${client.clientId}\t${record.source}\t${client.authMethod}\t${name}\n`);
        }
      }),
    );
  command
    .command('show <client_id>')
    .description('print the client metadata as JSON')
    .action((clientId: string) =>
      withStorage(loadConfig, async (storage) => {
        const client = await storage.clients.find(clientId);
        if (client === undefined) throw new Error(`no client ${clientId}`);
        const { metadata, source, createdAt, updatedAt } = client;
        process.stdout.write(`${JSON.stringify({ ...metadata, source, created_at: createdAt, updated_at: updatedAt }, null, 2)}\n`);
      }),
    );
  command
    .command('delete <client_id>')
    .description('delete a client and revoke every token it holds')
    .action((clientId: string) =>
      withStorage(loadConfig, async (storage) => {
        const removal = await removeClient(storage, clientId, new Date());
        if (!removal.deleted) throw new Error(`no client ${clientId}`);
        process.stdout.write(`deleted ${clientId}; its access tokens are no longer valid; revoked ${removal.revoked.grants} grant(s) with their refresh tokens\n`);
      }),
    );
  command
    .command('hash-secret')
    .description('hash a client secret (scrypt) for client_secret_hash in the configuration; generates one unless --stdin')
    .option('--stdin', 'read the secret from standard input instead of generating one')
    .action(async (options: { stdin?: boolean }) => {
      const secret = options.stdin === true ? await readStdin() : randomHandle(32);
      if (secret.length < 16) throw new Error('a client secret must have at least 16 characters');
      const hash = await hashSecret(secret);
      if (options.stdin !== true) process.stdout.write(`client_secret: ${secret}\n`);
      process.stdout.write(`client_secret_hash: ${hash}\n`);
    });
  return command;
}
