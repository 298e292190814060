import { verifySecret } from '../client-auth/secret-hash.js';
import type { SandboxPsu } from '../consent/sandbox-psu.js';

/** The PSUs who can log in: the sandbox stand-in for the bank's customer directory. */
export interface PsuDirectory {
  /** The PSU whose username and password these are, or undefined. */
  authenticate(username: string, password: string): Promise<SandboxPsu | undefined>;
  /** The PSU with this subject. */
  find(subject: string): SandboxPsu | undefined;
}

/** A scrypt hash of nothing anyone knows, for a directory without PSUs (every username is unknown). */
const DECOY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * The configured sandbox PSUs (`sandbox.psus`). Passwords are checked against scrypt hashes in constant time. An
 * unknown username is checked against the first PSU's hash, with its scrypt parameters, and always fails: it costs the
 * same as a known one, so timing does not tell them apart.
 */
export function createPsuDirectory(psus: readonly SandboxPsu[]): PsuDirectory {
  const byUsername = new Map(psus.map((psu) => [psu.username, psu]));
  const bySubject = new Map(psus.map((psu) => [psu.subject, psu]));
  const decoyHash = psus[0]?.passwordHash ?? DECOY_HASH;
  return {
    async authenticate(username, password) {
      const psu = byUsername.get(username);
      const matches = await verifySecret(password, psu?.passwordHash ?? decoyHash);
      return matches && psu !== undefined ? psu : undefined;
    },
    find: (subject) => bySubject.get(subject),
  };
}
