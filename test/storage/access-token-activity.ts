import type { AccessTokenRecord, Storage } from '../../src/storage/ports.js';
import { createTokenLookup } from '../../src/tokens/token-lookup.js';
import { newOpaqueToken, newTokenKey } from '../../src/tokens/token-key.js';

/** A grant-bound access token stored for `clientId` (whose client row the test saves), and how to ask whether it is active. */
export interface StoredAccessToken {
  readonly record: AccessTokenRecord;
  /** Whether introspection, revocation and the resource server's checks would take it as active at `now`. */
  isActive(storage: Storage, now: Date): Promise<boolean>;
}

/**
 * Saves the client (if it is not there yet) and an opaque access token under `grantId`, valid from `issuedAt` for five
 * minutes. Its activity is read through obas's own token lookup, which consults the client and the grant, as every
 * check of an access token does.
 */
export async function storeGrantAccessToken(storage: Storage, clientId: string, grantId: string, issuedAt: Date): Promise<StoredAccessToken> {
  if ((await storage.clients.find(clientId)) === undefined) {
    await storage.clients.save({ clientId, metadata: { client_id: clientId }, source: 'dcr', createdAt: issuedAt, updatedAt: issuedAt });
  }
  const token = newOpaqueToken(issuedAt.getTime());
  const record: AccessTokenRecord = {
    tokenHash: newTokenKey(token, issuedAt.getTime()),
    clientId,
    scope: 'accounts',
    format: 'opaque',
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 300_000),
    grantId,
  };
  await storage.accessTokens.insert(record);
  return {
    record,
    async isActive(reader, now) {
      const lookup = createTokenLookup(reader);
      const found = await lookup.find(token, 'access_token');
      return found !== undefined && lookup.isActive(found, now);
    },
  };
}
