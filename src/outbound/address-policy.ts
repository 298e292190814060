import { isIP } from 'node:net';
import { inRange, parseCidr, type IpAddress, type IpRange } from './ip-address.js';
import { embeddedIpv4, specialPurpose } from './special-purpose-ranges.js';

/** An `outbound.allow` entry: a block of addresses, or one host name (lower case, no trailing dot). */
export type AllowEntry = { readonly range: IpRange } | { readonly name: string };

/** Where obas may connect and where not (DESIGN.md: outbound requests are hostile territory). */
export interface AddressPolicy {
  /** Whether the host name `host` is allow-listed by name: it may then resolve to any address. */
  allowsName(host: string): boolean;
  /**
   * Why obas does not connect to `address` (its kind: `loopback`, `private, RFC 1918`…), or undefined when it
   * may: a globally reachable unicast address, or one an allow-listed block holds (an IPv6 form of an IPv4 address
   * also when the block holds that IPv4 address).
   */
  refusal(address: IpAddress): string | undefined;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;

/** A host name as URLs compare it: lower case, without the trailing dot of a fully qualified name. */
const normalHostName = (host: string): string => host.toLowerCase().replace(/\.$/, '');

/**
 * Reads an allow-list entry: an address or CIDR block written strictly (`127.0.0.1`, `10.0.0.0/8`, `::1`,
 * `fd00::/8`), or an ASCII host name (`jwks.internal.example`). Text a URL parser would read as an address
 * (`127.1`, `0x7f.1`, `2130706433`) is neither, so that an entry never means something other than it seems to.
 */
export function parseAllowEntry(text: string): AllowEntry | undefined {
  const range = parseCidr(text);
  if (range !== undefined) return { range };
  const name = normalHostName(text);
  if (!HOST_NAME.test(name) || !URL.canParse(`https://${name}/`) || isIP(new URL(`https://${name}/`).hostname) !== 0) return undefined;
  return { name };
}

/** Builds the policy from validated `outbound.allow` entries (an invalid entry is a programming error). */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const entries = allow.map((text) => {
    const entry = parseAllowEntry(text);
    if (entry === undefined) throw new Error(`outbound.allow entry ${text} is neither an address, a CIDR block nor a host name`);
    return entry;
  });
  const names = new Set(entries.flatMap((entry) => ('name' in entry ? [entry.name] : [])));
  const blocks = entries.flatMap((entry) => ('range' in entry ? [entry.range] : []));
  const allowed = (address: IpAddress) => blocks.some((block) => inRange(address, block));
  return {
    allowsName: (host) => names.has(normalHostName(host)),
    refusal(address) {
      const embedded = embeddedIpv4(address);
      if (allowed(address) || (embedded !== undefined && allowed(embedded))) return undefined;
      return specialPurpose(address);
    },
  };
}
