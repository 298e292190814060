import { openConfiguredStorage } from '../app/configured-storage.js';
import type { ObasConfig } from '../config/config.types.js';
import type { Storage } from '../storage/ports.js';
import type { ConfigLoader } from './cli-context.js';

/** Runs `work` on the configured database (migrated), closing it afterwards. */
export async function withStorage<T>(loadConfig: ConfigLoader, work: (storage: Storage, config: ObasConfig) => Promise<T>): Promise<T> {
  const config = await loadConfig();
  const storage = await openConfiguredStorage(config);
  try {
    return await work(storage, config);
  } finally {
    await storage.close();
  }
}
