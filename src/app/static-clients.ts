import { isDeepStrictEqual } from 'node:util';
import type { StaticClientConfig } from '../config/config.types.js';
import { removeClient, type ClientHoldings } from '../registration/client-removal.js';

/**
 * Makes the clients in storage that came from the configuration file equal to the file: new or changed ones are
 * saved, ones no longer in the file are deleted with everything they hold (as `obas clients delete` does), so that
 * their tokens stay dead if the client_id comes back. Clients from dynamic registration are never touched.
 */
export async function syncStaticClients(storage: ClientHoldings, configured: readonly StaticClientConfig[], now: Date): Promise<void> {
  const { clients } = storage;
  const existing = await clients.list();
  const wanted = new Set(configured.map((client) => client.metadata.client_id));
  for (const stale of existing.filter((client) => client.source === 'config' && !wanted.has(client.clientId))) {
    await removeClient(storage, stale.clientId, now);
  }
  for (const { metadata, clientSecretHash } of configured) {
    const previous = existing.find((client) => client.clientId === metadata.client_id);
    if (previous !== undefined && previous.source === 'dcr') {
      throw new Error(`clients: ${metadata.client_id} is already registered dynamically; choose another client_id`);
    }
    const unchanged =
      previous !== undefined &&
      isDeepStrictEqual(previous.metadata, metadata) &&
      previous.secretHash === clientSecretHash;
    if (unchanged) continue;
    await clients.save({
      clientId: metadata.client_id,
      metadata,
      ...(clientSecretHash === undefined ? {} : { secretHash: clientSecretHash }),
      source: 'config',
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    });
  }
}
