import { timeOrderedUuid } from '../tokens/time-ordered-uuid.js';
import { authoriseConsent, rejectConsent, type DecidedAuthorization, type PsuDecision } from '../consent/consent-decision.js';
import { authorizationPending, backchannelDenied, expiredToken, slowDown } from '../errors/ciba-error-factories.js';
import { invalidGrant, missingParameter } from '../errors/error-factories.js';
import type {
  BackchannelPing,
  BackchannelPoll,
  BackchannelRequestRecord,
  BackchannelRequestRepository,
  NewBackchannelRequest,
  Storage,
} from '../storage/ports.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { consentExpiry } from './authorization-decision.js';

/** Lifetimes of backchannel authentication requests (CIBA Core §7.1 `requested_expiry`, §7.3 `expires_in`, `interval`). */
export interface BackchannelRequestSettings {
  /** `expires_in` when the client asked for none. */
  readonly defaultExpirySeconds: number;
  /** The longest `expires_in`, whatever `requested_expiry` says. */
  readonly maxExpirySeconds: number;
  /** The `interval` between polls (CIBA Core §7.3: 5 when absent). */
  readonly intervalSeconds: number;
}

/** A request the backchannel authentication endpoint validated (CIBA Core §7.1, §7.2): what it stores, before ids and times. */
export type BackchannelRequestDraft = Omit<NewBackchannelRequest, 'requestHash' | 'ping' | 'createdAt' | 'expiresAt' | 'intervalSeconds'> & {
  /** Required in ping mode: the Bearer token of the ping (CIBA Core §7.1). */
  readonly clientNotificationToken?: string;
  /** `requested_expiry` (CIBA Core §7.1), seconds. */
  readonly requestedExpiry?: number;
};

/** The successful authentication request acknowledgement (CIBA Core §7.3). */
export interface BackchannelAcknowledgement {
  readonly auth_req_id: string;
  readonly expires_in: number;
  readonly interval: number;
}

/**
 * Stores a new pending request and resolves its acknowledgement. The `auth_req_id` is 256 random bits, base64url
 * (CIBA Core §7.3: at least 128 bits of entropy, characters of unpadded base64url), stored only as its SHA-256
 * (DESIGN.md); `expires_in` is `requested_expiry` when given, bounded by `settings.maxExpirySeconds`.
 */
export async function startBackchannelRequest(
  requests: Pick<BackchannelRequestRepository, 'insert'>,
  draft: BackchannelRequestDraft,
  settings: BackchannelRequestSettings,
  now: Date,
): Promise<BackchannelAcknowledgement> {
  const { clientNotificationToken, requestedExpiry, ...request } = draft;
  if (draft.deliveryMode === 'ping' && clientNotificationToken === undefined) throw missingParameter('client_notification_token');
  const authReqId = randomHandle(32);
  const expiresIn = Math.min(requestedExpiry ?? settings.defaultExpirySeconds, settings.maxExpirySeconds);
  const ping: BackchannelPing | undefined =
    draft.deliveryMode === 'ping' && clientNotificationToken !== undefined ? { authReqId, clientNotificationToken } : undefined;
  await requests.insert({
    ...request,
    requestHash: hashToken(authReqId),
    ...(ping === undefined ? {} : { ping }),
    createdAt: now,
    expiresAt: new Date(now.getTime() + expiresIn * 1000),
    intervalSeconds: settings.intervalSeconds,
  });
  return { auth_req_id: authReqId, expires_in: expiresIn, interval: settings.intervalSeconds };
}

/**
 * The token endpoint's answer to a poll that found the request (CIBA Core §11), throwing the token error of every
 * state but approved: tokens already issued → `invalid_grant` (the `auth_req_id` is no longer valid); past its expiry
 * → `expired_token`; denied → `access_denied`; pending → `slow_down` when the poll came too soon, otherwise
 * `authorization_pending`. Returns for an approved, unexpired request: its tokens may be claimed.
 */
export function checkBackchannelPoll(poll: BackchannelPoll, now: Date): void {
  const { request, tooFast } = poll;
  if (request.status === 'issued') throw invalidGrant('Tokens were already issued for this auth_req_id', 'auth_req_id_used');
  if (request.expiresAt <= now) throw expiredToken();
  if (request.status === 'denied') throw backchannelDenied();
  if (request.status === 'pending') throw tooFast ? slowDown(request.intervalSeconds) : authorizationPending();
}

/** A request whose tokens this token request won the right to issue. */
export type ClaimedBackchannelRequest = BackchannelRequestRecord & { readonly grantId: string };

/**
 * The CIBA grant's use of an `auth_req_id` (`urn:openid:params:grant-type:ciba`, CIBA Core §10.1, §11): records the
 * poll (unknown or another client's → `invalid_grant`), answers it ({@link checkBackchannelPoll}), then claims the
 * approved request; of concurrent token requests, in any processes, exactly one gets it, the others `invalid_grant`.
 */
export async function redeemBackchannelRequest(
  requests: Pick<BackchannelRequestRepository, 'poll' | 'claim'>,
  authReqId: string,
  clientId: string,
  now: Date,
): Promise<ClaimedBackchannelRequest> {
  const requestHash = hashToken(authReqId);
  const poll = await requests.poll(requestHash, clientId, now);
  if (poll === undefined) throw invalidGrant('The auth_req_id is invalid', 'auth_req_id_invalid');
  checkBackchannelPoll(poll, now);
  const claimed = await requests.claim(requestHash, clientId, now);
  if (claimed?.grantId === undefined) throw invalidGrant('Tokens were already issued for this auth_req_id', 'auth_req_id_used');
  return { ...claimed, grantId: claimed.grantId };
}

/** What deciding on a request needs. */
export interface BackchannelDecisionContext {
  readonly storage: Pick<Storage, 'withTransaction' | 'backchannelRequests'>;
  /** The longest a grant lasts (the profile's consent lifetime), seconds; a consent's own expiry shortens it. */
  readonly consentSeconds: number;
  /**
   * Told, once, of every decided request of a ping client, with what the ping carries (CIBA Core §10.2: after a
   * successful or failed authentication). It must neither throw nor make the PSU wait: it starts the ping and returns.
   */
  readonly notify?: (request: BackchannelRequestRecord, ping: BackchannelPing) => void;
}

/** The PSU's approval on the authentication device: who, which accounts, when they authenticated. */
export interface BackchannelApproval extends PsuDecision {
  readonly authTime: Date;
}

/**
 * The outcome of a decision: `approved` (a grant exists), `denied` (by the PSU), `refused` (the staged consent could
 * no longer be authorised, so the request was denied), `finished` (not the PSU's, not pending any more, or expired:
 * nothing changed).
 */
export type BackchannelDecision =
  | { readonly outcome: 'approved'; readonly request: ClaimedBackchannelRequest }
  | { readonly outcome: 'denied' | 'refused'; readonly request: BackchannelRequestRecord }
  | { readonly outcome: 'finished' };

const FINISHED = { outcome: 'finished' } as const;

/** Thrown inside the approval's transaction when the staged consent can no longer be authorised: rolls the approval back. */
class ConsentRefused extends Error {}

/**
 * The PSU approved on the authentication device. One transaction, as in the redirect flow (`approve` in
 * `authorization-decision.ts`): the request becomes approved with a new grant's id (taking the request's row first, so
 * that of racing decisions the losers change nothing, and every decision locks request before consent), the staged
 * consent becomes Authorised with the PSU's choices (or, when the request named none, an `authorization` consent
 * records the scope), and the grant bound to it records the approval. A consent that can no longer be authorised
 * rolls that back and denies the request instead (`refused`), so the client learns it at once.
 */
export async function approveBackchannelRequest(
  context: BackchannelDecisionContext,
  requestHash: string,
  approval: BackchannelApproval,
  now: Date,
): Promise<BackchannelDecision> {
  const grantId = timeOrderedUuid(now.getTime());
  const decision = await context.storage
    .withTransaction(async (repositories): Promise<BackchannelDecision> => {
      const request = await repositories.backchannelRequests.approve(requestHash, approval.subject, grantId, now);
      if (request === undefined) return FINISHED;
      const consent = await authoriseConsent(repositories, decided(request), approval, context.consentSeconds, now);
      if (consent === undefined) throw new ConsentRefused();
      await repositories.grants.insert({
        grantId,
        clientId: request.clientId,
        subject: approval.subject,
        scope: request.scope,
        accounts: approval.accounts,
        ...(request.acr === undefined ? {} : { acr: request.acr }),
        authTime: approval.authTime,
        createdAt: now,
        expiresAt: consentExpiry(consent, now, context.consentSeconds),
        intentId: consent.consentId,
      });
      return { outcome: 'approved', request: { ...request, grantId } };
    })
    .catch(async (error: unknown): Promise<BackchannelDecision> => {
      if (!(error instanceof ConsentRefused)) throw error;
      const denied = await context.storage.backchannelRequests.deny(requestHash, approval.subject, now);
      return denied === undefined ? FINISHED : { outcome: 'refused', request: denied };
    });
  return notifyDecision(context, decision);
}

/** The PSU denied on the authentication device: pending → denied and a staged consent Rejected, in one transaction. */
export async function denyBackchannelRequest(context: BackchannelDecisionContext, requestHash: string, subject: string, now: Date): Promise<BackchannelDecision> {
  const decision = await context.storage.withTransaction(async (repositories): Promise<BackchannelDecision> => {
    const denied = await repositories.backchannelRequests.deny(requestHash, subject, now);
    if (denied === undefined) return FINISHED;
    if (denied.intentId !== undefined) await rejectConsent(repositories, { ...decided(denied), consentId: denied.intentId }, subject, now);
    return { outcome: 'denied', request: denied };
  });
  return notifyDecision(context, decision);
}

/** The authorization as the consent domain sees it. */
function decided(request: BackchannelRequestRecord): DecidedAuthorization {
  return { clientId: request.clientId, scope: request.scope.split(' '), ...(request.intentId === undefined ? {} : { consentId: request.intentId }) };
}

/**
 * Hands a decided ping request's ping to `notify`, after erasing it from storage (the decision's winner holds it now);
 * resolves the decision without it.
 */
async function notifyDecision<D extends BackchannelDecision>(context: BackchannelDecisionContext, decision: D): Promise<D> {
  if (decision.outcome === 'finished' || decision.request.ping === undefined) return decision;
  const { ping, ...request } = decision.request;
  await context.storage.backchannelRequests.forgetPing(request.requestHash);
  context.notify?.(request, ping);
  return { ...decision, request };
}
