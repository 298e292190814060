import { createHash } from 'node:crypto';
import type { PsuLockoutPolicy, PsuLockoutRepository } from '../storage/ports.js';

/** Whether a PSU may try to sign in now, and if not, for how long they must wait. */
export type LockoutStatus = { readonly locked: false } | { readonly locked: true; readonly retryAfterSeconds: number };

/**
 * The per-PSU lockout (OWASP Authentication Cheat Sheet, "Account Lockout"; NIST SP 800-63B §5.2.2): failed sign-ins
 * of a username, in any authorization, the consent dashboard or any process, lock it out for a while once there are
 * too many; each further lock lasts longer. Known and unknown usernames are treated alike, so the lockout does not tell
 * them apart.
 */
export interface PsuLockout {
  /** Whether `username` is locked out at `now` (asked before any credential is checked). */
  status(username: string, now: Date): Promise<LockoutStatus>;
  /** Counts a wrong password or one-time code of `username`; resolves the status after it (locked when it locked). */
  fail(username: string, now: Date): Promise<LockoutStatus>;
  /** A PSU passed both sign-in steps: their failures and back-off are forgotten. */
  succeed(username: string): Promise<void>;
}

/** How usernames are compared: Unicode NFKC, trimmed, lower-case, so that look-alike spellings share one lockout. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/** Prefix of the key of a username no PSU has: what follows is the SHA-256 of the normalised text, not the text. */
export const UNKNOWN_USERNAME_PREFIX = 'unknown:';

/**
 * The lockout key of what was typed as a username: the normalised username of a known PSU; for anything else (which
 * may be a password typed into the wrong field) only its SHA-256, so the lockout table never holds it in clear.
 */
export function lockoutKey(username: string, knownUsernames: ReadonlySet<string>): string {
  const normalized = normalizeUsername(username);
  if (knownUsernames.has(normalized)) return normalized;
  return `${UNKNOWN_USERNAME_PREFIX}${createHash('sha256').update(normalized).digest('base64url')}`;
}

/** The normalised usernames of the configured PSUs, for {@link lockoutKey}. */
export function knownUsernamesOf(psus: readonly { readonly username: string }[]): ReadonlySet<string> {
  return new Set(psus.map((psu) => normalizeUsername(psu.username)));
}

function statusAt(lockedUntil: Date | undefined, now: Date): LockoutStatus {
  if (lockedUntil === undefined || lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) };
}

/** The lockout over its repository, the configured policy (`psuLockout`) and the PSUs who exist. */
export function createPsuLockout(repository: PsuLockoutRepository, policy: PsuLockoutPolicy, knownUsernames: ReadonlySet<string>): PsuLockout {
  const key = (username: string) => lockoutKey(username, knownUsernames);
  return {
    status: async (username, now) => statusAt(await repository.lockedUntil(key(username), now), now),
    fail: async (username, now) => statusAt((await repository.recordFailure(key(username), now, policy)).lockedUntil, now),
    succeed: async (username) => void (await repository.clear(key(username))),
  };
}
