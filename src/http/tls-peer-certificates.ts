import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { PeerCertificateReads } from './peer-certificate-reads.js';

/** Certificates after the leaf read from a connection at most; a longer chain is cut (path building stops at 6). */
const MAX_CHAIN = 8;

/** What a TLS client presented on one connection (RFC 8446 §4.4.2 Certificate), as DER. */
export interface PeerCertificates {
  readonly leaf: Buffer;
  /**
   * The certificates sent after the leaf, in the order sent, read on first call (most paths reach a trust anchor
   * without them); empty on a resumed session (see `tls-session-chains.ts`).
   */
  chain(): readonly Buffer[];
  /** The connection resumed an earlier session (RFC 8446 §2.2, RFC 5077): no certificate was sent on it. */
  readonly resumed: boolean;
}

const perSocket = new WeakMap<object, PeerCertificates | null>();
const reads = new PeerCertificateReads();

/** The issuers after `leaf` that Node attached to it, in the order sent, at most {@link MAX_CHAIN}. */
function issuersOf(leaf: X509Certificate | undefined): Buffer[] {
  const chain: Buffer[] = [];
  for (let issuer = leaf?.issuerCertificate; issuer !== undefined && chain.length < MAX_CHAIN; issuer = issuer.issuerCertificate) {
    chain.push(issuer.raw);
  }
  return chain;
}

/** The certificates of a connection read as X509: the leaf, and its issuers listed when first asked (`onChainRead` told each time). */
function fromX509(certificate: X509Certificate, resumed: boolean, onChainRead?: () => void): PeerCertificates {
  let chain: readonly Buffer[] | undefined;
  return {
    leaf: certificate.raw,
    chain: () => {
      onChainRead?.();
      return (chain ??= issuersOf(certificate));
    },
    resumed,
  };
}

function readOnce(socket: Partial<TLSSocket>): PeerCertificates | null {
  if (socket.isSessionReused?.() === true) {
    // The session holds the leaf alone: Node wraps it without cloning or describing anything.
    const leaf = socket.getPeerX509Certificate?.();
    return leaf === undefined ? null : fromX509(leaf, true);
  }
  const address = socket.remoteAddress;
  const chainNeeded = (): void => reads.chainNeeded(address);
  if (reads.choose(address) === 'x509') {
    const certificate = socket.getPeerX509Certificate?.();
    if (certificate === undefined) return null;
    reads.readAsX509(address, certificate.issuerCertificate !== undefined);
    return fromX509(certificate, false, chainNeeded);
  }
  const leaf = socket.getPeerCertificate?.()?.raw;
  if (leaf === undefined) return null;
  let chain: readonly Buffer[] | undefined;
  return {
    leaf,
    chain: () => {
      if (chain === undefined) {
        chain = issuersOf(socket.getPeerX509Certificate?.());
        chainNeeded();
      }
      return chain;
    },
    resumed: false,
  };
}

/**
 * The client certificates of a connection, read once per connection for every reader (rate limiting, client
 * authentication), as cheaply as Node allows — it matters when every request comes on a new connection. After a full
 * handshake, one of two reads, whichever the client's address showed to be cheaper ({@link PeerCertificateReads}):
 * `getPeerX509Certificate()` at once, which wraps the leaf and re-parses every certificate sent after it (cheap for a
 * leaf alone, several times the short description's cost with a chain); or the leaf from the short
 * `getPeerCertificate()` (one certificate described) and the chain only when asked, from `getPeerX509Certificate()`.
 * On Node 20 that call moves the issuers out of OpenSSL's peer chain: a second read, or a later
 * `getPeerCertificate(true)`, would see the leaf alone, hence one read per connection. On a resumed session: the leaf
 * from `getPeerX509Certificate()`, which then has no chain to re-parse and only wraps the session's certificate (about
 * a fifth of the cost of describing it). `null` when no certificate was presented (or the socket is not TLS).
 */
export function peerCertificates(socket: object): PeerCertificates | null {
  let peer = perSocket.get(socket);
  if (peer === undefined) {
    peer = readOnce(socket as Partial<TLSSocket>);
    perSocket.set(socket, peer);
  }
  return peer;
}
