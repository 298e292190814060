import { createHash } from 'node:crypto';
import { LruCache } from '../pki/lru-cache.js';

/** Leaf certificates whose presented chain is remembered by default. */
const DEFAULT_CAPACITY = 1_000;

/**
 * The certificates a TLS client sent after its leaf, remembered from full handshakes for the sessions that resume them.
 * A resumed session (RFC 8446 §2.2 PSK, RFC 5077 ticket) keeps the peer certificate of its full handshake — OpenSSL
 * stores it in the session — but not the rest of the chain: on a resumed connection only the leaf is there, and a
 * path through an intermediate that only the client sent could not be built. Intermediates are public and path validation checks every signature up to a trust anchor, so completing a
 * chain with the one presented on an earlier handshake of the same leaf trusts nothing that was not checked.
 * Per process: a session resumed on another worker than the one of its full handshake finds nothing here, and then
 * its path must reach an anchor without the intermediate (configure issuing CAs among the trust anchors).
 */
export interface PresentedChains {
  /** After a full handshake: the chain the client sent with this leaf (nothing to remember when empty). */
  remember(leaf: Buffer, chain: readonly Buffer[]): void;
  /** On a resumed session: the chain last sent with this leaf, if this process saw it. */
  recall(leaf: Buffer): readonly Buffer[] | undefined;
}

const keyOf = (leaf: Buffer): string => createHash('sha256').update(leaf).digest('base64url');

/** A bounded (least recently used) memory of presented chains, keyed by the leaf's SHA-256. */
export function presentedChains(capacity: number = DEFAULT_CAPACITY): PresentedChains {
  const chains = new LruCache<string, readonly Buffer[]>(capacity);
  return {
    remember(leaf, chain) {
      if (chain.length > 0) chains.set(keyOf(leaf), chain);
    },
    recall: (leaf) => chains.get(keyOf(leaf)),
  };
}
