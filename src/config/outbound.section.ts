import { parseAllowEntry } from '../outbound/address-policy.js';
import { parseIp } from '../outbound/ip-address.js';
import { specialPurpose } from '../outbound/special-purpose-ranges.js';
import type { OutboundConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const OUTBOUND_KEYS = ['allow', 'timeoutMs', 'maxBytes'];

/** Defaults of the `outbound` section (docs/configuration.md): 3 s per fetch, 64 KiB per document. */
const OUTBOUND_DEFAULTS = { timeoutMs: 3000, maxBytes: 65_536 } as const;

/** `outbound.allow` when left out on a development set-up that only this machine can reach: loopback. */
const LOOPBACK_ALLOW: readonly string[] = ['127.0.0.0/8', '::1'];

/** What the rest of the configuration says about who can reach this obas. */
export interface OutboundContext {
  readonly trustDevCa: boolean;
  readonly trustedProxies: readonly string[];
  /** Bind addresses of the two listeners. */
  readonly listenerHosts: readonly string[];
}

/**
 * Whether `allow` defaults to loopback: a development set-up (the dev CA trusted, so no production trust anchors)
 * that nobody but this machine can reach (both listeners bound to loopback, no trusted proxy forwarding for others).
 * There a TPP developer may serve its `jwks_uri` on localhost, and probing loopback through obas tells nothing that
 * connecting directly would not. Anywhere else loopback must be allowed explicitly.
 */
function isLocalDevelopment(context: OutboundContext): boolean {
  return context.trustDevCa && context.trustedProxies.length === 0 && context.listenerHosts.every(isLoopbackHost);
}

function isLoopbackHost(host: string): boolean {
  const address = parseIp(host);
  return host === 'localhost' || (address !== undefined && specialPurpose(address) === 'loopback');
}

/**
 * `outbound`: what obas may connect to when it fetches a client's `jwks_uri`, a software statement's
 * `software_jwks_endpoint` or the directory's `jwksUrl`. `allow` lists the non-public addresses (IPs, CIDR blocks)
 * and host names it may reach anyway; when left out it is empty, or loopback on a local development set-up.
 */
export function readOutbound(checker: ConfigChecker, raw: unknown, context: OutboundContext, path = 'outbound'): OutboundConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, OUTBOUND_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const defaultAllow = isLocalDevelopment(context) ? LOOPBACK_ALLOW : [];
  const allow =
    section['allow'] === undefined
      ? defaultAllow
      : (checker.list(section['allow'], at('allow'), (item, itemPath) => readAllowEntry(checker, item, itemPath)) ?? []);
  const timeoutMs =
    section['timeoutMs'] === undefined ? OUTBOUND_DEFAULTS.timeoutMs : checker.integer(section['timeoutMs'], at('timeoutMs'), 100, 30_000, ' ms');
  const maxBytes =
    section['maxBytes'] === undefined ? OUTBOUND_DEFAULTS.maxBytes : checker.integer(section['maxBytes'], at('maxBytes'), 1024, 1_048_576, ' bytes');
  return { allow, timeoutMs: timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs, maxBytes: maxBytes ?? OUTBOUND_DEFAULTS.maxBytes };
}

function readAllowEntry(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  if (typeof value === 'string' && parseAllowEntry(value) !== undefined) return value;
  return checker.fail(path, value, 'an IP address (127.0.0.1, ::1), a CIDR block (10.0.0.0/8, fd00::/8) or a host name');
}
