import type { Storage } from '../storage/ports.js';

/** What was revoked for a client. */
export interface ClientRevocation {
  readonly accessTokens: number;
  /** Grants revoked, each with its refresh tokens. */
  readonly grants: number;
}

/** Outcome of removing a client. */
export interface ClientRemoval {
  /** False when there was no such client (nothing else was done). */
  readonly deleted: boolean;
  readonly revoked: ClientRevocation;
}

/** The repositories that hold what a client owns. */
export type ClientHoldings = Pick<Storage, 'clients' | 'accessTokens' | 'grants'>;

/**
 * Revokes everything a client holds — its grants with their refresh tokens, and its access tokens — so that
 * introspection answers `active: false` for all of it (RFC 7662 §2.2). Each revocation is one atomic statement.
 */
async function revokeEverythingOfClient(storage: ClientHoldings, clientId: string, now: Date): Promise<ClientRevocation> {
  const grants = await storage.grants.revokeAllOfClient(clientId, now);
  return { grants, accessTokens: await storage.accessTokens.revokeAllOfClient(clientId, now) };
}

/**
 * Deletes a client and revokes everything it holds (RFC 7592 §2.3; `obas clients delete`). The client goes first, so
 * that no new token can be issued to it while its tokens are being revoked.
 */
export async function removeClient(storage: ClientHoldings, clientId: string, now: Date): Promise<ClientRemoval> {
  if (!(await storage.clients.delete(clientId))) return { deleted: false, revoked: { accessTokens: 0, grants: 0 } };
  return { deleted: true, revoked: await revokeEverythingOfClient(storage, clientId, now) };
}
