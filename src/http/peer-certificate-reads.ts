import { LruCache } from '../pki/lru-cache.js';

/**
 * The two ways Node reads the certificates of a full handshake:
 * - `leaf-description`: `getPeerCertificate()` describes the leaf alone (fingerprints, key, names), and the chain is
 *   read later, from `getPeerX509Certificate()`, only if a path needs it;
 * - `x509`: `getPeerX509Certificate()` at once, which wraps the leaf and re-parses each certificate sent after it.
 */
export type PeerCertificateRead = 'leaf-description' | 'x509';

/** Addresses whose last full handshake is remembered. */
const DEFAULT_CAPACITY = 4_096;

/** Of the full handshakes of an address read by description, every this many is read as X509 to look again. */
const LOOK_AGAIN_EVERY = 16;

/** What one address's full handshakes showed: the read to use, and how many descriptions since X509 was last used. */
interface AddressReads {
  read: PeerCertificateRead;
  descriptionsSinceX509: number;
}

/**
 * Chooses, per client address, the cheaper way to read a full handshake's client certificates. Their costs differ by
 * what the client sends (Node 20, RSA-2048, µs per connection, median): a leaf alone — description 63, X509 22; a leaf
 * and its intermediate — description 68, X509 153, and 263 when the path then needs that intermediate (description,
 * then X509). So X509 is cheaper unless the client sends a chain that its path does not need (its issuer is a trust
 * anchor). A client address keeps its TLS stack and certificate from one connection to the next, so the last full
 * handshake of the address decides the next one's read; an address never seen is read as X509, the cheaper read in
 * two cases out of three. Read by description, a connection does not show whether a chain was sent, so every
 * {@link LOOK_AGAIN_EVERY}th one of the address is read as X509 again. Only the cost changes: both reads give the same
 * leaf and chain. Bounded: the least recently seen addresses are forgotten. Behind a layer-4 load balancer that hides
 * client addresses, every client shares one entry, and the last full handshake of any of them decides.
 */
export class PeerCertificateReads {
  readonly #byAddress: LruCache<string, AddressReads>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#byAddress = new LruCache(capacity);
  }

  /** The read for a new full handshake from `address`. */
  choose(address: string | undefined): PeerCertificateRead {
    const reads = address === undefined ? undefined : this.#byAddress.get(address);
    if (reads === undefined || reads.read === 'x509') return 'x509';
    reads.descriptionsSinceX509 += 1;
    if (reads.descriptionsSinceX509 < LOOK_AGAIN_EVERY) return 'leaf-description';
    reads.descriptionsSinceX509 = 0;
    return 'x509';
  }

  /** After an X509 read: the client sent a chain, or its leaf alone. A chain suggests the description, until needed. */
  readAsX509(address: string | undefined, chainSent: boolean): void {
    this.#remember(address, chainSent ? 'leaf-description' : 'x509');
  }

  /** A path needed the chain (or found none to use): X509 from the start would have been the cheaper read. */
  chainNeeded(address: string | undefined): void {
    this.#remember(address, 'x509');
  }

  #remember(address: string | undefined, read: PeerCertificateRead): void {
    if (address === undefined) return;
    const reads = this.#byAddress.get(address);
    if (reads === undefined) this.#byAddress.set(address, { read, descriptionsSinceX509: 0 });
    else reads.read = read;
  }
}
