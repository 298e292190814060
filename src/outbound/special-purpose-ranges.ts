import { inRange, parseCidr, type IpAddress, type IpRange } from './ip-address.js';

/** A named block of the IANA special-purpose registries (RFC 6890 and its updates). */
interface SpecialRange {
  readonly range: IpRange;
  /** What the block is, in words: `loopback`, `private, RFC 1918`… */
  readonly kind: string;
}

const ranges = (entries: readonly (readonly [string, string])[]): readonly SpecialRange[] =>
  entries.map(([cidr, kind]) => ({ range: parseCidr(cidr) as IpRange, kind }));

/** IPv4 blocks that are not globally reachable unicast (IANA IPv4 Special-Purpose Address Registry), most specific first. */
const IPV4_SPECIAL = ranges([
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'reserved, this network, RFC 791'],
  ['10.0.0.0/8', 'private, RFC 1918'],
  ['100.64.0.0/10', 'shared, CGNAT, RFC 6598'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private, RFC 1918'],
  ['192.0.0.0/24', 'reserved, IETF protocol assignments, RFC 6890'],
  ['192.0.2.0/24', 'documentation, RFC 5737'],
  ['192.88.99.0/24', 'reserved, 6to4 relay anycast, RFC 7526'],
  ['192.168.0.0/16', 'private, RFC 1918'],
  ['198.18.0.0/15', 'reserved, benchmarking, RFC 2544'],
  ['198.51.100.0/24', 'documentation, RFC 5737'],
  ['203.0.113.0/24', 'documentation, RFC 5737'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved, RFC 1112'],
]);

/** IPv6 blocks refused outright (IANA IPv6 Special-Purpose Address Registry), most specific first. */
const IPV6_SPECIAL = ranges([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'reserved, IPv4-compatible, RFC 4291 section 2.5.5.1'],
  ['64:ff9b:1::/48', 'reserved, local-use NAT64, RFC 8215'],
  ['100::/64', 'reserved, discard-only, RFC 6666'],
  ['2001:db8::/32', 'documentation, RFC 3849'],
  ['2001::/23', 'reserved, IETF protocol assignments and Teredo, RFC 2928'],
  ['3fff::/20', 'documentation, RFC 9637'],
  ['fc00::/7', 'unique-local, RFC 4193'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'reserved, site-local, RFC 3879'],
  ['ff00::/8', 'multicast'],
]);

const GLOBAL_UNICAST = parseCidr('2000::/3') as IpRange;
const IPV4_MAPPED = parseCidr('::ffff:0:0/96') as IpRange;
const NAT64 = parseCidr('64:ff9b::/96') as IpRange;
const SIX_TO_FOUR = parseCidr('2002::/16') as IpRange;

/**
 * The IPv4 address an IPv6 address stands for, where connecting to it reaches that IPv4 host: IPv4-mapped
 * (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2), the NAT64 well-known prefix (`64:ff9b::a.b.c.d`, RFC 6052 §2.1) and 6to4
 * (`2002:AABB:CCDD::/48`, RFC 3056 §2).
 */
export function embeddedIpv4(address: IpAddress): IpAddress | undefined {
  if (address.family === 4) return undefined;
  if (inRange(address, IPV4_MAPPED) || inRange(address, NAT64)) return { family: 4, value: address.value & 0xffff_ffffn };
  if (inRange(address, SIX_TO_FOUR)) return { family: 4, value: (address.value >> 80n) & 0xffff_ffffn };
  return undefined;
}

/**
 * What kind of special-purpose address `address` is (`loopback`, `private, RFC 1918`, `link-local`…), or undefined
 * for a globally reachable unicast address. An IPv6 form of an IPv4 address is judged by that IPv4 address; any IPv6
 * address outside global unicast 2000::/3 (RFC 4291 §2.4) is reserved.
 */
export function specialPurpose(address: IpAddress): string | undefined {
  const embedded = embeddedIpv4(address);
  if (embedded !== undefined) {
    const kind = specialPurpose(embedded);
    return kind === undefined ? undefined : `${kind}, in an IPv6 form`;
  }
  const table = address.family === 4 ? IPV4_SPECIAL : IPV6_SPECIAL;
  const special = table.find((entry) => inRange(address, entry.range));
  if (special !== undefined) return special.kind;
  if (address.family === 6 && !inRange(address, GLOBAL_UNICAST)) return 'reserved, outside global unicast 2000::/3';
  return undefined;
}
