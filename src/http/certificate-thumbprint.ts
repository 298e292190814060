import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { peerCertificates } from './tls-peer-certificates.js';
import type { ProxyTrust } from './trusted-proxies.js';

/** Hex SHA-256 of the client certificate a request presents, unvalidated (a rate-limit key, never an identity). */
export type CertificateThumbprint = (request: IncomingMessage) => string | undefined;

/**
 * The thumbprint of the TLS peer's certificate (read once per connection), or — from a trusted proxy only (RFC 9440
 * §5) — of its `Client-Cert` header's value. Chain validation is the certificate source's job; rate limiting only
 * needs to tell certificates apart, cheaply, before anything else runs.
 */
export function createCertificateThumbprint(isTrustedProxy: ProxyTrust): CertificateThumbprint {
  const perSocket = new WeakMap<object, string | null>();
  return (request) => {
    const header = request.headers['client-cert'];
    if (header !== undefined && isTrustedProxy(request.socket.remoteAddress)) {
      return createHash('sha256').update(Array.isArray(header) ? header.join(',') : header).digest('hex');
    }
    let thumbprint = perSocket.get(request.socket);
    if (thumbprint === undefined) {
      const peer = peerCertificates(request.socket);
      thumbprint = peer === null ? null : createHash('sha256').update(peer.leaf).digest('hex');
      perSocket.set(request.socket, thumbprint);
    }
    return thumbprint ?? undefined;
  };
}
