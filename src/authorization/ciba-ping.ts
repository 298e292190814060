import type { OutboundPost } from '../outbound/outbound-client.js';
import type { BackchannelPing } from '../storage/ports.js';

/** Where the ping outcome is told (pino's `info` / `warn` fit). Neither the token nor the `auth_req_id` is ever given. */
export interface CibaPingLog {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
  warn(fields: Readonly<Record<string, unknown>>, message: string): void;
}

/** One ping to send: to the client's `backchannel_client_notification_endpoint` (CIBA Core §4), with its ping data. */
export interface CibaPingTarget {
  readonly clientId: string;
  readonly endpoint: string;
  readonly ping: BackchannelPing;
}

/** Sends one ping; resolves whether the client acknowledged it (2xx), never rejects. */
export type CibaPinger = (target: CibaPingTarget) => Promise<boolean>;

/**
 * The ping callback (OpenID CIBA Core 1.0 §10.2): an HTTP POST of `{"auth_req_id": …}` as JSON to the client
 * notification endpoint, authenticated with `Authorization: Bearer <client_notification_token>`, through the outbound
 * client (https only, addresses checked, bounded in time and size, redirects not followed: §10.2 forbids following
 * them). The client should answer 204 (200 is accepted too; a body is ignored). Sent once and never retried: a client
 * that missed it can still poll the token endpoint at its interval. A failure is logged with the client and endpoint.
 */
export function createCibaPinger(post: OutboundPost, log: CibaPingLog): CibaPinger {
  return async ({ clientId, endpoint, ping }) => {
    try {
      await post(endpoint, { auth_req_id: ping.authReqId }, { authorization: `Bearer ${ping.clientNotificationToken}` });
      log.info({ clientId, endpoint }, 'CIBA ping delivered');
      return true;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      log.warn({ clientId, endpoint, detail }, 'CIBA ping failed; not retried, the client can still poll');
      return false;
    }
  };
}
