import { randomInt } from 'node:crypto';
import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { stagePath, type PsuSession } from '../authorization/interaction-session.js';
import { invalidRequest } from '../errors/error-factories.js';
import { constantTimeEqual, hashToken } from '../tokens/token-hash.js';
import { seeOther } from '../ui/page-response.js';
import type { SignInProblem } from '../ui/sign-in-form.js';
import { psuSessionFacts } from './audit-facts.js';
import type { Endpoint, EndpointResponse } from '../protocol/endpoint.types.js';
import { attemptSignIn, authorizationSignIn, type SignInServices } from './psu-sign-in-attempt.js';
import { isResponse, openStage, type OpenSignInStage, type SignInStage } from './psu-stage.js';

/** One-time code attempts in one sign-in before it ends (the authorization with `access_denied`). */
export const MAX_CODE_ATTEMPTS = 3;

const otpHash = (session: PsuSession, code: string) => hashToken(`${session.secret}:${code}`);

/** The authorization's one-time code page (see {@link createSecondFactorStep}). */
export function createSecondFactorEndpoint(context: AuthorizationContext): Endpoint {
  return createSecondFactorStep(authorizationSignIn(context), (request, stage) => openStage(request, context, stage));
}

/**
 * The second factor standing in for SCA (PSD2 RTS Art. 4), whatever the sign-in is for: each page view "sends" a new
 * random six-digit one-time code (shown on the page, since this is a sandbox) whose hash, salted with the session
 * secret, is stored; the PSU types it back, tried as {@link attemptSignIn} says (the per-PSU lockout, at most
 * {@link MAX_CODE_ATTEMPTS} checks, then `SignInStage.giveUp`). Success records `auth_time`, forgets the PSU's failed
 * sign-ins and moves on to the `consent` stage.
 */
export function createSecondFactorStep(services: SignInServices, open: OpenSignInStage): Endpoint {
  async function showNewCode(stage: SignInStage, problem: SignInProblem | undefined, now: Date): Promise<EndpointResponse> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await services.interactions.advance(stage.session.key, 'second-factor', { stage: 'second-factor', otpHash: otpHash(stage.session, code) }, now);
    return stage.secondFactorPage(code, problem);
  }

  return async (request) => {
    const stage = await open(request, 'second-factor');
    if (isResponse(stage)) return stage;
    request.audit(psuSessionFacts(stage.session));
    if (request.method !== 'POST') return showNewCode(stage, undefined, request.now);
    const psu = services.psus.find(stage.session.interaction.subject ?? '');
    if (psu === undefined) throw invalidRequest('The PSU of this session no longer exists', 'interaction_expired');
    const typed = (request.form?.get('otp') ?? '').trim();
    const expected = stage.session.interaction.otpHash;
    const outcome = await attemptSignIn(request, stage, services, {
      step: 'second-factor',
      maxAttempts: MAX_CODE_ATTEMPTS,
      username: psu.username,
      check: async () => (expected && /^\d{6}$/.test(typed) && constantTimeEqual(otpHash(stage.session, typed), expected) ? expected : undefined),
      page: (problem) => showNewCode(stage, problem, request.now),
    });
    if (isResponse(outcome)) return outcome;
    const guard = { otpHash: outcome.passed };
    const moved = await services.interactions.advance(stage.session.key, 'second-factor', { stage: 'consent', authTime: request.now }, request.now, guard);
    if (!moved) throw invalidRequest('This step was already completed', 'interaction_expired');
    await services.psuLockout.succeed(psu.username);
    return seeOther(stagePath('consent', stage.language.prefix, stage.session.purpose));
  };
}
