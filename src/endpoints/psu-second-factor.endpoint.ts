import { randomInt } from 'node:crypto';
import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { stagePath, type PsuSession } from '../authorization/interaction-session.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { InteractionRepository } from '../storage/ports.js';
import { constantTimeEqual, hashToken } from '../tokens/token-hash.js';
import { seeOther } from '../ui/page-response.js';
import { psuSessionFacts } from './audit-facts.js';
import type { Endpoint, EndpointResponse } from './endpoint.types.js';
import { isResponse, openStage, type OpenSignInStage, type SignInStage } from './psu-stage.js';

/** Wrong one-time codes before the sign-in ends (the authorization with `access_denied`). */
export const MAX_CODE_ATTEMPTS = 3;

const otpHash = (session: PsuSession, code: string) => hashToken(`${session.secret}:${code}`);

/** The authorization's one-time code page (see {@link createSecondFactorStep}). */
export function createSecondFactorEndpoint(context: AuthorizationContext): Endpoint {
  return createSecondFactorStep(context.storage.interactions, (request, stage) => openStage(request, context, stage));
}

/**
 * The second factor standing in for SCA (PSD2 RTS Art. 4), whatever the sign-in is for: each page view "sends" a new
 * random six-digit one-time code (shown on the page, since this is a sandbox) whose hash, salted with the session
 * secret, is stored; the PSU types it back. Success records `auth_time` and moves on to the `consent` stage; after
 * {@link MAX_CODE_ATTEMPTS} wrong codes the sign-in ends (`SignInStage.giveUp`).
 */
export function createSecondFactorStep(interactions: Pick<InteractionRepository, 'advance' | 'recordFailure'>, open: OpenSignInStage): Endpoint {
  async function showNewCode(stage: SignInStage, failed: boolean, now: Date): Promise<EndpointResponse> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await interactions.advance(stage.session.key, 'second-factor', { stage: 'second-factor', otpHash: otpHash(stage.session, code) }, now);
    return stage.secondFactorPage(code, failed);
  }

  return async (request) => {
    const stage = await open(request, 'second-factor');
    if (isResponse(stage)) return stage;
    request.audit(psuSessionFacts(stage.session));
    if (request.method !== 'POST') return showNewCode(stage, false, request.now);
    const typed = (request.form?.get('otp') ?? '').trim();
    const expected = stage.session.interaction.otpHash;
    if (!expected || !/^\d{6}$/.test(typed) || !constantTimeEqual(otpHash(stage.session, typed), expected)) {
      const failures = await interactions.recordFailure(stage.session.key, request.now);
      if (failures >= MAX_CODE_ATTEMPTS) return stage.giveUp(request.now);
      return showNewCode(stage, true, request.now);
    }
    const guard = { otpHash: expected, maxFailures: MAX_CODE_ATTEMPTS };
    const moved = await interactions.advance(stage.session.key, 'second-factor', { stage: 'consent', authTime: request.now }, request.now, guard);
    if (!moved) throw invalidRequest('This step was already completed', 'interaction_expired');
    return seeOther(stagePath('consent', stage.language.prefix, stage.session.purpose));
  };
}
