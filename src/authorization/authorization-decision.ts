import { randomUUID } from 'node:crypto';
import type { SandboxPsu } from '../config/config.types.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { IntentRecord, InteractionStage } from '../storage/ports.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { wantsIdToken } from './authorization-request.js';
import type { AuthorizationContext } from './authorization-context.js';
import type { InteractionSession } from './interaction-session.js';

const finished = () => invalidRequest('This authorization was already decided', 'interaction_expired');

/**
 * The PSU allowed: the interaction ends (once, atomically), the intent becomes Authorised, a grant records what was
 * allowed (expiring with the intent or after `lifetimes.consent`), and a code of 256 bits living
 * `lifetimes.authorizationCode` goes to the redirect URI; for `code id_token` with an ID token as detached signature
 * (`c_hash`, `s_hash`, FAPI 1.0 Advanced §5.2.2.1). Resolves the redirect URL.
 */
export async function approve(
  session: InteractionSession,
  psu: SandboxPsu,
  accounts: readonly string[],
  context: AuthorizationContext,
  now: Date,
): Promise<string> {
  const { request } = session;
  const { storage } = context;
  if (!(await storage.interactions.advance(session.key, 'consent', { stage: 'done' }, now))) throw finished();
  const intent = request.intentId === undefined ? undefined : await storage.intents.find(request.intentId);
  const authTime = session.interaction.authTime ?? now;
  const grantId = randomUUID();
  await storage.grants.insert({
    grantId,
    clientId: request.clientId,
    subject: psu.subject,
    scope: request.scope.join(' '),
    accounts,
    acr: request.acr,
    authTime,
    createdAt: now,
    expiresAt: consentExpiry(intent, now, context.lifetimes.consent),
    ...(request.intentId === undefined ? {} : { intentId: request.intentId }),
  });
  const code = randomHandle(32);
  await storage.authorizationCodes.insert({
    codeHash: hashToken(code),
    clientId: request.clientId,
    grantId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + context.lifetimes.authorizationCode * 1000),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  });
  // The intent is decided last: if this fails half-way, the intent is still awaiting authorisation (a new attempt can
  // take it) and the grant and code, never handed out, are revoked or simply expire.
  if (intent !== undefined && !(await storage.intents.decide(intent.intentId, request.clientId, { status: 'Authorised', subject: psu.subject, accounts }, now))) {
    await storage.grants.revoke(grantId, now);
    const error = invalidRequest('The intent can no longer be authorised', 'intent_status_invalid');
    return context.responder.error(request, error, now);
  }
  const hybrid = request.responseType === 'code id_token' && wantsIdToken(request);
  const idToken = hybrid
    ? {
        id_token: context.issueIdToken({
          clientId: request.clientId,
          subject: psu.subject,
          authTime,
          now,
          acr: request.acr,
          code,
          ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
          ...(request.state === undefined ? {} : { state: request.state }),
          ...(request.intentId === undefined ? {} : { intentId: request.intentId }),
        }),
      }
    : {};
  return context.responder.success(request, { code, ...idToken }, now);
}

/**
 * The PSU denied, or failed to authenticate: the interaction ends, an intent the PSU saw is Rejected, and the client
 * gets `access_denied` (RFC 6749 §4.1.2.1) with the profile's reason code. Resolves the redirect URL.
 */
export async function refuse(
  session: InteractionSession,
  reason: 'psu_denied' | 'psu_authentication_failed',
  context: AuthorizationContext,
  now: Date,
): Promise<string> {
  const { request, interaction } = session;
  const from: InteractionStage = interaction.stage;
  if (!(await context.storage.interactions.advance(session.key, from, { stage: 'done' }, now))) throw finished();
  if (request.intentId !== undefined && reason === 'psu_denied' && interaction.subject !== undefined) {
    await context.storage.intents.decide(request.intentId, request.clientId, { status: 'Rejected', subject: interaction.subject, accounts: [] }, now);
  }
  const description = reason === 'psu_denied' ? 'The PSU denied the authorization' : 'The PSU could not be authenticated';
  return context.responder.error(request, new OAuthError('access_denied', description, { reason }), now);
}

/** When a new grant expires: with its intent, and no later than `consentSeconds` from now. */
export function consentExpiry(intent: IntentRecord | undefined, now: Date, consentSeconds: number): Date {
  const byLifetime = now.getTime() + consentSeconds * 1000;
  return new Date(intent?.expiresAt === undefined ? byLifetime : Math.min(intent.expiresAt.getTime(), byLifetime));
}
