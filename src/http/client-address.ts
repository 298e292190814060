import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { ProxyTrust } from './trusted-proxies.js';

/** The address a request comes from, as a rate-limit key (see {@link addressKey}). */
export type ClientAddress = (request: IncomingMessage) => string;

/**
 * The peer address; or, when the peer is a configured trusted proxy, the nearest address in its `X-Forwarded-For`
 * that is not itself a trusted proxy (read from the right: entries to the left of the first untrusted one are
 * whatever the client chose to send). A malformed entry before that ends the walk at the peer.
 */
export function createClientAddress(isTrustedProxy: ProxyTrust): ClientAddress {
  return (request) => {
    const peer = request.socket.remoteAddress ?? 'unknown';
    const forwarded = request.headers['x-forwarded-for'];
    if (forwarded === undefined || !isTrustedProxy(peer)) return addressKey(peer);
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',').map((hop) => hop.trim());
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? '';
      if (isIP(hop) === 0) break;
      if (!isTrustedProxy(hop) || i === 0) return addressKey(hop);
    }
    return addressKey(peer);
  };
}

/**
 * An address as a rate-limit and connection-count key: IPv4 as is (also when IPv4-mapped), IPv6 by its /64, the
 * smallest block a single subscriber usually gets (RFC 6177), so that one host cannot escape a per-address limit by
 * walking its own prefix.
 */
export function addressKey(address: string): string {
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  if (isIP(plain) !== 6) return plain;
  const unzoned = plain.split('%')[0] ?? plain;
  const [head = '', tail] = unzoned.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const width = (parts: string[]) => parts.reduce((sum, part) => sum + (part.includes('.') ? 2 : 1), 0);
  const left = groups(head);
  const full = tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(groups(tail))).fill('0'), ...groups(tail)];
  return `${full.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
