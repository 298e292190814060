import type { GroupRateLimits, RateLimitGroup } from '../config/config.types.js';
import type { BucketRequest, RateDecision, RateLimitStore } from './rate-limit-store.js';

/** Who a request comes from, as far as rate limits care (see http/rate-limit-hook.ts for how each is found). */
export interface RateLimitSubject {
  /** The client address key (IPv4, or an IPv6 /64). */
  readonly address: string;
  /** The client key: the client_id the request names with its certificate thumbprint, or the thumbprint alone. */
  readonly client?: string;
}

/** A request refused by a rate limit: which bucket was full and when to come back (RFC 9110 §10.2.3 `Retry-After`). */
export interface RateLimitRefusal {
  readonly scope: 'client' | 'address';
  /** Whole seconds, at least 1. */
  readonly retryAfterSeconds: number;
}

/** Admits a request of a route group, or says why not: at once when the store decides at once (memory). */
export type RateLimiter = (
  group: RateLimitGroup,
  subject: RateLimitSubject,
  now: Date,
) => RateLimitRefusal | undefined | Promise<RateLimitRefusal | undefined>;

/**
 * Rate limits per route group (RFC 6585 §4): the group's per-address bucket and, when the request names a client, its
 * per-client bucket, both taken in one atomic store call. Keys are `<group>:a:<address>` and `<group>:c:<client>`.
 */
export function createRateLimiter(groups: Readonly<Record<RateLimitGroup, GroupRateLimits>>, store: RateLimitStore): RateLimiter {
  return (group, subject, now) => {
    const { perAddress, perClient } = groups[group];
    const buckets: BucketRequest[] = [];
    if (perAddress !== undefined) buckets.push({ key: `${group}:a:${subject.address}`, rule: perAddress });
    const byClient = perClient !== undefined && subject.client !== undefined;
    if (byClient) buckets.push({ key: `${group}:c:${subject.client}`, rule: perClient });
    if (buckets.length === 0) return undefined;
    const scopes = perAddress === undefined ? CLIENT_ONLY : byClient ? ADDRESS_AND_CLIENT : ADDRESS_ONLY;
    const decision = store.take(buckets, now.getTime());
    return decision instanceof Promise ? decision.then((decided) => refusalOf(decided, scopes)) : refusalOf(decision, scopes);
  };
}

/** The scope of each bucket a request asks, in the order asked: one of three lists, shared by every request. */
const ADDRESS_ONLY: readonly RateLimitRefusal['scope'][] = ['address'];
const CLIENT_ONLY: readonly RateLimitRefusal['scope'][] = ['client'];
const ADDRESS_AND_CLIENT: readonly RateLimitRefusal['scope'][] = ['address', 'client'];

function refusalOf(decision: RateDecision, scopes: readonly RateLimitRefusal['scope'][]): RateLimitRefusal | undefined {
  if (decision.allowed) return undefined;
  return { scope: scopes[decision.refusedBy ?? 0] ?? 'address', retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) };
}
