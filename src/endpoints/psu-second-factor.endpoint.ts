import { randomInt } from 'node:crypto';
import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { refuse } from '../authorization/authorization-decision.js';
import { stagePath, type InteractionSession } from '../authorization/interaction-session.js';
import { invalidRequest } from '../errors/error-factories.js';
import { constantTimeEqual, hashToken } from '../tokens/token-hash.js';
import { seeOther } from '../ui/page-response.js';
import { renderSecondFactorPage } from '../ui/second-factor.page.js';
import type { Endpoint, EndpointResponse } from './endpoint.types.js';
import { isResponse, openStage, type PsuStage } from './psu-stage.js';

/** Wrong one-time codes before the authorization ends with `access_denied`. */
export const MAX_CODE_ATTEMPTS = 3;

const otpHash = (session: InteractionSession, code: string) => hashToken(`${session.secret}:${code}`);

/**
 * The second factor standing in for SCA (PSD2 RTS Art. 4): each page view "sends" a new random six-digit one-time code
 * (shown on the page, since this is a sandbox) whose hash, salted with the session secret, is stored; the PSU types it
 * back. Success records `auth_time` and moves on to consent; after {@link MAX_CODE_ATTEMPTS} wrong codes the client
 * gets `access_denied`.
 */
export function createSecondFactorEndpoint(context: AuthorizationContext): Endpoint {
  const { interactions } = context.storage;

  async function showNewCode(stage: PsuStage, failed: boolean, now: Date): Promise<EndpointResponse> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await interactions.advance(stage.session.key, 'second-factor', { stage: 'second-factor', otpHash: otpHash(stage.session, code) }, now);
    return stage.page(renderSecondFactorPage({ language: stage.language, csrf: stage.csrf, sandboxCode: code, failed }));
  }

  return async (request) => {
    const stage = await openStage(request, context, 'second-factor');
    if (isResponse(stage)) return stage;
    if (request.method !== 'POST') return showNewCode(stage, false, request.now);
    const typed = (request.form?.get('otp') ?? '').trim();
    const expected = stage.session.interaction.otpHash;
    if (!expected || !/^\d{6}$/.test(typed) || !constantTimeEqual(otpHash(stage.session, typed), expected)) {
      const failures = await interactions.recordFailure(stage.session.key, request.now);
      if (failures >= MAX_CODE_ATTEMPTS) return stage.finish(await refuse(stage.session, 'psu_authentication_failed', context, request.now));
      return showNewCode(stage, true, request.now);
    }
    const guard = { otpHash: expected, maxFailures: MAX_CODE_ATTEMPTS };
    const moved = await interactions.advance(stage.session.key, 'second-factor', { stage: 'consent', authTime: request.now }, request.now, guard);
    if (!moved) throw invalidRequest('This step was already completed', 'interaction_expired');
    return seeOther(stagePath('consent', stage.language.prefix));
  };
}
