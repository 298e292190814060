import type { Storage } from '../storage/ports.js';

/** What was revoked for a client. */
export interface ClientRevocation {
  /** Grants revoked, each with its refresh tokens. */
  readonly grants: number;
}

/** Outcome of removing a client. */
export interface ClientRemoval {
  /** False when there was no such client (nothing else was done). */
  readonly deleted: boolean;
  readonly revoked: ClientRevocation;
}

/** The repositories that hold what a client owns and are rewritten when it goes. */
export type ClientHoldings = Pick<Storage, 'clients' | 'grants'>;

/**
 * Deletes a client (RFC 7592 §2.3; `obas clients delete`) and revokes its grants with their refresh tokens, in one
 * atomic statement. The client goes first, so that no new token can be issued to it while its grants are being
 * revoked. Its access tokens are not rewritten: the token lookup counts a token only while the very client it was
 * issued to exists (`tokens/token-lookup.ts`), so introspection answers
 * `active: false` for all of them at once (RFC 7662 §2.2), and still does if the client_id is configured again.
 */
export async function removeClient(storage: ClientHoldings, clientId: string, now: Date): Promise<ClientRemoval> {
  if (!(await storage.clients.delete(clientId))) return { deleted: false, revoked: { grants: 0 } };
  return { deleted: true, revoked: { grants: await storage.grants.revokeAllOfClient(clientId, now) } };
}
