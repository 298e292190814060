import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syncStaticClients } from '../../src/app/static-clients.js';
import type { StaticClientConfig } from '../../src/config/config.types.js';
import type { Storage } from '../../src/storage/ports.js';
import { tokenKey } from '../../src/tokens/token-key.js';
import { createTokenLookup } from '../../src/tokens/token-lookup.js';
import { newSqliteTarget, useTwoStorages } from '../storage/storage-targets.js';

const NOW = new Date();

function configured(clientId: string): StaticClientConfig {
  return { metadata: { client_id: clientId, token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts' } };
}

describe('static clients synchronised from the configuration file', () => {
  let storage: Storage;
  useTwoStorages(newSqliteTarget, (opened) => ({ storage } = opened));

  it('a client removed from the file loses its tokens, and they stay dead when the client_id comes back', async () => {
    const clientId = `static-${randomUUID()}`;
    await syncStaticClients(storage, [configured(clientId)], NOW);
    const token = `token-${randomUUID()}`;
    const lookup = createTokenLookup(storage);
    const tokenHash = tokenKey(token);
    await storage.accessTokens.insert({ tokenHash, clientId, scope: 'accounts', format: 'opaque', issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 300_000) });
    const found = await lookup.find(token, undefined);
    expect(found !== undefined && lookup.isActive(found, NOW)).toBe(true);

    await syncStaticClients(storage, [], NOW);
    expect(await storage.clients.find(clientId)).toBeUndefined();
    expect(await lookup.find(token, undefined)).toBeUndefined();

    await syncStaticClients(storage, [configured(clientId)], new Date(NOW.getTime() + 1000));
    expect(await lookup.find(token, undefined)).toBeUndefined();
  });
});
