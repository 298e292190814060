import { isIPv4, isIPv6 } from 'node:net';

/** An IPv4 or IPv6 address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** A CIDR block (RFC 4632 §3.1, RFC 4291 §2.3): the addresses whose first `prefix` bits are those of `base`. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * Parses an address written canonically enough to be unambiguous: IPv4 as four decimal octets without leading zeros
 * (`127.0.0.1`, never `127.1`, `0x7f.1`, `0177.0.0.1` or `2130706433`), IPv6 as RFC 4291 §2.2 text without a zone
 * (`%eth0`) or brackets. Anything else is not an address.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) return { family: 4, value: ipv4Value(text) };
  if (!isIPv6(text) || text.includes('%')) return undefined;
  return { family: 6, value: ipv6Value(text) };
}

/** Parses `address/prefix` or a bare address (a block of one); host bits beyond the prefix are ignored. */
export function parseCidr(text: string): IpRange | undefined {
  const [addressText = '', prefixText, ...rest] = text.split('/');
  const address = parseIp(addressText);
  if (address === undefined || rest.length > 0) return undefined;
  const bits = BITS[address.family];
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { family: address.family, base: address.value & mask(address.family, prefix), prefix };
}

/** Whether `address` lies in `range` (same family only: IPv4-mapped forms are the caller's business). */
export function inRange(address: IpAddress, range: IpRange): boolean {
  return address.family === range.family && (address.value & mask(range.family, range.prefix)) === range.base;
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

/** Expands RFC 4291 §2.2 text (already validated by `isIPv6`): `::` and a dotted IPv4 tail included. */
function ipv6Value(text: string): bigint {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted !== undefined) {
    const v4 = ipv4Value(dotted);
    groups = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const parts = (side: string) => (side === '' ? [] : side.split(':'));
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}
