import type { TLSSocket } from 'node:tls';

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

function readChain(socket: Partial<TLSSocket>): Buffer[] {
  const chain: Buffer[] = [];
  const leaf = socket.getPeerX509Certificate?.();
  for (let issuer = leaf?.issuerCertificate; issuer !== undefined && chain.length < MAX_CHAIN; issuer = issuer.issuerCertificate) {
    chain.push(issuer.raw);
  }
  return chain;
}

function readOnce(socket: Partial<TLSSocket>): PeerCertificates | null {
  const leaf = socket.getPeerCertificate?.()?.raw;
  if (leaf === undefined) return null;
  let chain: readonly Buffer[] | undefined;
  return { leaf, chain: () => (chain ??= readChain(socket)), resumed: socket.isSessionReused?.() === true };
}

/**
 * The client certificates of a connection, read once per connection for every reader (rate limiting, client
 * authentication), as cheaply as Node allows — it matters when every request comes on a new connection: the leaf
 * from the short `getPeerCertificate()` (one certificate described), the chain only when asked, from
 * `getPeerX509Certificate()`, which re-parses every certificate of the chain (public keys included) and, on Node 20,
 * moves the issuers out of OpenSSL's peer chain: a second read, or a later `getPeerCertificate(true)`, would see the
 * leaf alone. `null` when no certificate was presented (or the socket is not TLS).
 */
export function peerCertificates(socket: object): PeerCertificates | null {
  let peer = perSocket.get(socket);
  if (peer === undefined) {
    peer = readOnce(socket as Partial<TLSSocket>);
    perSocket.set(socket, peer);
  }
  return peer;
}
