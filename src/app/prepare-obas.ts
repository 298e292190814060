import type { ObasConfig } from '../config/config.types.js';
import { ensureDevPki } from '../pki/dev-ca.js';
import { openConfiguredStorage } from './configured-storage.js';
import { retiredKeyPublishSeconds } from '../tokens/key-publish-window.js';
import { openKeyStore } from '../tokens/key-store.js';
import { syncStaticClients } from './static-clients.js';

/**
 * What must exist once before several workers start (`obas start --workers N`): the dev PKI and the signing keys in
 * the data directory, the database migrated and the configured clients synchronised. Each worker would do the same at
 * its start, but N processes racing to create the same files and rows is a failure nobody needs to debug; done here
 * first, the workers find everything in place and write nothing.
 */
export async function prepareObas(config: ObasConfig): Promise<void> {
  await ensureDevPki(config.dataDir);
  const keys = await openKeyStore({ dataDir: config.dataDir, retiredKeyPublishSeconds: retiredKeyPublishSeconds(config.profile.lifetimes) });
  keys.close();
  const storage = await openConfiguredStorage(config);
  try {
    await syncStaticClients(storage, config.clients, new Date());
  } finally {
    await storage.close();
  }
}
