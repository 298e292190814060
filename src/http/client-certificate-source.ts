import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { invalidRequest } from '../errors/error-factories.js';
import type { CertificateInspector } from '../pki/client-certificate-inspector.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import { parseCertificateHeader, parseClientCertHeader } from '../pki/client-cert-header.js';
import { peerCertificates } from './tls-peer-certificates.js';
import { presentedChains, type PresentedChains } from './tls-session-chains.js';
import type { ProxyTrust } from './trusted-proxies.js';

interface PresentedDer {
  readonly leaf: Buffer;
  /** The chain sent with the leaf, read when a path to an anchor needs it. */
  chain(): Buffer[];
  /** The last inspection on this connection and the whole second (epoch) it was made in. */
  inspected?: { readonly certificate: ClientCertificate; readonly second: number };
}

/** Finds the client certificate of a request on the mTLS listener. */
export type ClientCertificateSource = (request: IncomingMessage, now: Date, log: WarningLog) => ClientCertificate | undefined;

/** The part of a logger the certificate source uses. */
export interface WarningLog {
  warn(fields: object, message: string): void;
}

/**
 * The certificate comes from the TLS socket (read once per connection; its inspection, trust included, is reused
 * within the same second, the resolution of X.509 validity times), or — only when the peer is a configured
 * trusted proxy — from the RFC 9440 `Client-Cert` / `Client-Cert-Chain` headers. The header from anyone else is
 * ignored and logged (RFC 9440 §5).
 */
export function createClientCertificateSource(inspector: CertificateInspector, isTrustedProxy: ProxyTrust): ClientCertificateSource {
  const perSocket = new WeakMap<TLSSocket, PresentedDer | null>();
  const chains = presentedChains();

  function fromSocket(socket: TLSSocket): PresentedDer | null {
    let presented = perSocket.get(socket);
    if (presented === undefined) {
      presented = readPeerCertificate(socket, chains);
      perSocket.set(socket, presented);
    }
    return presented;
  }

  return (request, now, log) => {
    const header = request.headers['client-cert'];
    if (header !== undefined) {
      if (isTrustedProxy(request.socket.remoteAddress)) return fromHeaders(request, inspector, now);
      log.warn({ peer: request.socket.remoteAddress }, 'ignored Client-Cert header from an untrusted peer');
    }
    const presented = fromSocket(request.socket as TLSSocket);
    if (presented === null) return undefined;
    const second = Math.floor(now.getTime() / 1000);
    if (presented.inspected?.second === second) return presented.inspected.certificate;
    try {
      const certificate = inspectPresented(inspector, presented, now);
      presented.inspected = { certificate, second };
      return certificate;
    } catch (error) {
      throw invalidRequest('The client certificate cannot be parsed', 'certificate_not_valid', { detail: String(error) });
    }
  };
}

function fromHeaders(request: IncomingMessage, inspector: CertificateInspector, now: Date): ClientCertificate {
  const single = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  try {
    const leaf = parseClientCertHeader(single('client-cert') ?? '');
    const chainHeader = single('client-cert-chain');
    const chain = chainHeader === undefined ? [] : parseCertificateHeader(chainHeader);
    return inspector.inspect(leaf, chain, now, 'proxy-header');
  } catch (error) {
    throw invalidRequest('The Client-Cert header is malformed', 'certificate_not_valid', { detail: String(error) });
  }
}

/** The leaf and the chain sent with it; on a resumed session, the chain sent on its full handshake if known. */
function readPeerCertificate(socket: TLSSocket, chains: PresentedChains): PresentedDer | null {
  const peer = peerCertificates(socket);
  if (peer === null) return null;
  if (peer.resumed) return { leaf: peer.leaf, chain: () => [...(chains.recall(peer.leaf) ?? peer.chain())] };
  return {
    leaf: peer.leaf,
    chain: () => {
      chains.remember(peer.leaf, peer.chain());
      return [...peer.chain()];
    },
  };
}

/**
 * The leaf alone first: a path that reaches an anchor without the presented chain reaches it with it too (the chain
 * can only add paths), and most leaves are issued by an anchor. Only otherwise is the presented chain read and used.
 */
function inspectPresented(inspector: CertificateInspector, presented: PresentedDer, now: Date): ClientCertificate {
  const leafAlone = inspector.inspect(presented.leaf, [], now, 'tls');
  if (leafAlone.trust.status === 'trusted') return leafAlone;
  const chain = presented.chain();
  return chain.length === 0 ? leafAlone : inspector.inspect(presented.leaf, chain, now, 'tls');
}
