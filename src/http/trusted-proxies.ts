import { BlockList, isIP } from 'node:net';

/** Whether a peer address is one of the configured trusted proxies (RFC 9440 §5: only trust a known proxy). */
export type ProxyTrust = (address: string | undefined) => boolean;

/** Builds a matcher from IPs and CIDRs (`10.0.0.0/8`, `::1`, `fd00::/8`). Entries were validated at start-up. */
export function createProxyTrust(entries: readonly string[]): ProxyTrust {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    if (address === undefined) return false;
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return isIP(plain) !== 0 && list.check(plain, family);
  };
}
