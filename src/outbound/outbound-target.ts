import { lookup } from 'node:dns/promises';
import type { AddressPolicy } from './address-policy.js';
import { parseIp } from './ip-address.js';
import { OutboundError } from './outbound-error.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to all its addresses, once. */
export type ResolveHost = (host: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (`dns.lookup` with `all: true`: hosts file, then DNS), in the order it answers. */
export const systemResolver: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** Where an outbound request goes: the URL, its host (the TLS name) and the checked addresses to connect to. */
export interface OutboundTarget {
  readonly url: URL;
  /** The URL's host without IPv6 brackets: the name the server certificate must carry. */
  readonly host: string;
  /** Every address the host resolved to, each checked; the connection goes to these and nowhere else. */
  readonly addresses: readonly ResolvedAddress[];
}

/**
 * Parses an outbound URL: https only. The WHATWG URL parser already turns every IPv4 spelling (`0x7f.1`, `127.1`,
 * `2130706433`, `%31%32%37.0.0.1`, full-width digits) into dotted decimal, so the host is judged as what it means.
 */
export function outboundUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== 'https:') throw new OutboundError('not an https URL', 'is not an https URL');
  return url;
}

/**
 * Resolves the URL's host once and checks every address against the policy: a literal address must be allowed; a
 * host name allow-listed by name may resolve anywhere; any other name must resolve only to allowed addresses (one
 * forbidden answer refuses the whole name). Refusals are {@link OutboundError}s with a `refusal`.
 */
export async function resolveTarget(url: URL, policy: AddressPolicy, resolve: ResolveHost): Promise<OutboundTarget> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = parseIp(host);
  if (literal !== undefined) {
    const kind = policy.refusal(literal);
    if (kind !== undefined) throw new OutboundError(`${host} is not a public address (${kind})`, `names a non-public address (${kind})`);
    return { url, host, addresses: [{ address: host, family: literal.family }] };
  }
  const addresses = await resolveAll(host, resolve);
  if (!policy.allowsName(host)) {
    for (const { address } of addresses) {
      const parsed = parseIp(address);
      const kind = parsed === undefined ? 'not an IP address' : policy.refusal(parsed);
      if (kind !== undefined) throw new OutboundError(`${host} resolves to ${address} (${kind})`, `names a host that resolves to a non-public address (${kind})`);
    }
  }
  return { url, host, addresses };
}

async function resolveAll(host: string, resolve: ResolveHost): Promise<readonly ResolvedAddress[]> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw new OutboundError(`${host} could not be resolved (${(error as { code?: string }).code ?? String(error)})`);
  }
  if (addresses.length === 0) throw new OutboundError(`${host} resolved to no address`);
  return addresses;
}
