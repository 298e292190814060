/** The CIBA backchannel request repository port (see `ports.ts` for the rest of the storage ports and `Storage`). */

/**
 * How a client learns that the PSU decided (OpenID CIBA Core 1.0 §5): it polls the token endpoint (`poll`), or obas
 * first notifies its `backchannel_client_notification_endpoint` (`ping`, §10.2). `push` is not offered (FAPI-CIBA
 * forbids it).
 */
export type BackchannelDeliveryMode = 'poll' | 'ping';

/**
 * Where a backchannel authentication request is, as stored: `pending` until the PSU decides, then `approved` (a grant
 * exists) or `denied`; an approved request becomes `issued` when its tokens are, once. Expiry is not a stored status:
 * a pending or approved request is expired once its `expiresAt` has passed (CIBA Core §7.3 `expires_in`), so no sweep
 * races a decision.
 */
export type BackchannelRequestStatus = 'pending' | 'approved' | 'denied' | 'issued';

/**
 * What the ping callback of a `ping` client carries (CIBA Core §10.2): the `auth_req_id` in the JSON body and the
 * client's `client_notification_token` as the Bearer credential. Both are kept in clear (obas must send them) and only
 * until the PSU's decision hands them to the notifier ({@link BackchannelRequestRepository.forgetPing}).
 */
export interface BackchannelPing {
  readonly authReqId: string;
  readonly clientNotificationToken: string;
}

/** A backchannel authentication request as the CIBA endpoint accepted it (CIBA Core §7.1, §7.3). */
export interface NewBackchannelRequest {
  /** SHA-256 (base64url, `hashToken`) of the `auth_req_id`: the key; the identifier itself is never stored otherwise. */
  readonly requestHash: string;
  readonly clientId: string;
  /** The PSU the hint (`login_hint`, `id_token_hint`, `login_hint_token`) resolved to. */
  readonly subject: string;
  /** The scope asked for, space separated. */
  readonly scope: string;
  /** The `acr` obas states for the request (from `acr_values` / `claims`). */
  readonly acr?: string;
  /** The `binding_message` shown to the PSU on the authentication device (CIBA Core §7.1). */
  readonly bindingMessage?: string;
  /** The staged consent the request names (UK `openbanking_intent_id`); without one, approval records the scope in a new consent. */
  readonly intentId?: string;
  readonly deliveryMode: BackchannelDeliveryMode;
  /** Required for `ping`, absent for `poll`. */
  readonly ping?: BackchannelPing;
  readonly createdAt: Date;
  /** `createdAt` + `expires_in` (CIBA Core §7.3). */
  readonly expiresAt: Date;
  /** The `interval` the client must leave between polls (CIBA Core §7.3), seconds; raised by each `slow_down`. */
  readonly intervalSeconds: number;
}

/** A stored backchannel authentication request. */
export interface BackchannelRequestRecord extends NewBackchannelRequest {
  readonly status: BackchannelRequestStatus;
  readonly lastPolledAt?: Date;
  /** When the PSU approved or denied. */
  readonly decidedAt?: Date;
  /** The grant the approval created; tokens issued for the request belong to it. */
  readonly grantId?: string;
  /** When the token request that claimed the approved request won. */
  readonly issuedAt?: Date;
}

/** One token request's poll of a request ({@link BackchannelRequestRepository.poll}). */
export interface BackchannelPoll {
  /** The request after the poll was recorded. */
  readonly request: BackchannelRequestRecord;
  /**
   * The request was pending and this poll came sooner than `intervalSeconds` after the previous one (CIBA Core §11
   * `slow_down`); the interval has been raised by {@link SLOW_DOWN_STEP_SECONDS} for this and every later poll.
   */
  readonly tooFast: boolean;
}

/** How much each `slow_down` raises a request's interval (RFC 8628 §3.5, which CIBA Core §11 follows: "at least 5 seconds"). */
export const SLOW_DOWN_STEP_SECONDS = 5;

/** Backchannel authentication requests (CIBA Core §7), keyed by the SHA-256 of their `auth_req_id`. */
export interface BackchannelRequestRepository {
  /** Stores a new request, `pending`. */
  insert(request: NewBackchannelRequest): Promise<void>;
  find(requestHash: string): Promise<BackchannelRequestRecord | undefined>;
  /**
   * Records a token request's poll of `clientId`'s request at `now` and resolves it with whether it came too fast (see
   * {@link BackchannelPoll.tooFast}); undefined when the request is unknown or another client's. One atomic `UPDATE …
   * RETURNING` whose assignments read the previous poll time, so of polls racing across processes each sees the one
   * before it. The first poll is never too fast.
   */
  poll(requestHash: string, clientId: string, now: Date): Promise<BackchannelPoll | undefined>;
  /**
   * The PSU `subject` approved: pending → approved with `grantId`, when the request is theirs, still pending and not
   * expired at `now`; resolves the updated request (with its ping, if any), undefined otherwise. One atomic statement,
   * so of an approval, a denial and expiry exactly one decides.
   */
  approve(requestHash: string, subject: string, grantId: string, now: Date): Promise<BackchannelRequestRecord | undefined>;
  /** The PSU `subject` denied: pending → denied, under the same conditions as {@link approve}. */
  deny(requestHash: string, subject: string, now: Date): Promise<BackchannelRequestRecord | undefined>;
  /** Erases the ping's `auth_req_id` and notification token (the decision's winner holds them to send the ping). */
  forgetPing(requestHash: string): Promise<void>;
  /**
   * A token request of `clientId` takes the approved, unexpired request: approved → issued, and resolves it; undefined
   * otherwise. One atomic `UPDATE … WHERE status = 'approved' RETURNING …`: of any number of concurrent token requests,
   * in any number of processes, exactly one gets it, so tokens are issued once (an `auth_req_id` is no longer valid once exchanged for tokens).
   */
  claim(requestHash: string, clientId: string, now: Date): Promise<BackchannelRequestRecord | undefined>;
  /** The PSU's pending, unexpired requests, newest first: what the bank app shows. */
  listPending(subject: string, now: Date): Promise<BackchannelRequestRecord[]>;
  /** Deletes requests that expired before `before` (whatever their status); resolves the count. */
  deleteExpired(before: Date): Promise<number>;
}
