import { timeOrderedUuid } from '../tokens/time-ordered-uuid.js';
import type { SandboxPsu } from '../consent/sandbox-psu.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import { authoriseConsent, rejectConsent, type DecidedAuthorization } from '../consent/consent-decision.js';
import type { ConsentRecord, InteractionStage } from '../storage/ports.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { wantsIdToken, type AuthorizationRequest } from './authorization-request.js';
import type { AuthorizationContext } from './authorization-context.js';
import type { InteractionSession } from './interaction-session.js';

const finished = () => invalidRequest('This authorization was already decided', 'interaction_expired');

/**
 * The PSU allowed. One transaction: the interaction ends (once), the staged consent becomes Authorised with the PSU's
 * choices (or, when the request named none — STET, FAPI 2.0 — an `authorization` consent records what was allowed), a
 * grant bound to the consent records it (expiring with the consent or after `lifetimes.consent`), and a code of 256
 * bits living `lifetimes.authorizationCode` is stored; for `code id_token` an ID token as detached signature (`c_hash`,
 * `s_hash`, FAPI 1.0 Advanced §5.2.2.1). Resolves the redirect URL.
 */
export async function approve(
  session: InteractionSession,
  psu: SandboxPsu,
  accounts: readonly string[],
  context: AuthorizationContext,
  now: Date,
): Promise<string> {
  const { request } = session;
  const authTime = session.interaction.authTime ?? now;
  const code = randomHandle(32);
  const outcome = await context.storage.withTransaction(async (repositories) => {
    if (!(await repositories.interactions.advance(session.key, 'consent', { stage: 'done' }, now))) throw finished();
    const consent = await authoriseConsent(repositories, decided(request), { subject: psu.subject, accounts }, context.lifetimes.consent, now);
    if (consent === undefined) return 'refused' as const;
    const grantId = timeOrderedUuid(now.getTime());
    await repositories.grants.insert({
      grantId,
      clientId: request.clientId,
      subject: psu.subject,
      scope: request.scope.join(' '),
      accounts,
      acr: request.acr,
      authTime,
      createdAt: now,
      expiresAt: consentExpiry(consent, now, context.lifetimes.consent),
      intentId: consent.consentId,
    });
    await repositories.authorizationCodes.insert({
      codeHash: hashToken(code),
      clientId: request.clientId,
      grantId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + context.lifetimes.authorizationCode * 1000),
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      ...(request.dpopKeyThumbprint === undefined ? {} : { dpopKeyThumbprint: request.dpopKeyThumbprint }),
    });
    return 'approved' as const;
  });
  if (outcome === 'refused') {
    return context.responder.error(request, invalidRequest('The consent can no longer be authorised', 'intent_status_invalid'), now);
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
    await rejectConsent(context.storage, { ...decided(request), consentId: request.intentId }, interaction.subject, now);
  }
  const description = reason === 'psu_denied' ? 'The PSU denied the authorization' : 'The PSU could not be authenticated';
  return context.responder.error(request, new OAuthError('access_denied', description, { reason }), now);
}

/** The authorization as the consent domain sees it. */
function decided(request: AuthorizationRequest): DecidedAuthorization {
  return { clientId: request.clientId, scope: request.scope, ...(request.intentId === undefined ? {} : { consentId: request.intentId }) };
}

/** When a new grant expires: with its consent, and no later than `consentSeconds` from now. */
export function consentExpiry(consent: ConsentRecord | undefined, now: Date, consentSeconds: number): Date {
  const byLifetime = now.getTime() + consentSeconds * 1000;
  return new Date(consent?.expiresAt === undefined ? byLifetime : Math.min(consent.expiresAt.getTime(), byLifetime));
}
