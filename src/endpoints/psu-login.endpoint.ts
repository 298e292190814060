import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { refuse } from '../authorization/authorization-decision.js';
import { stagePath } from '../authorization/interaction-session.js';
import { invalidRequest } from '../errors/error-factories.js';
import { renderLoginPage } from '../ui/login.page.js';
import { seeOther } from '../ui/page-response.js';
import type { Endpoint } from './endpoint.types.js';
import { isResponse, openStage } from './psu-stage.js';

/** Failed password attempts before the authorization ends with `access_denied`. */
export const MAX_LOGIN_ATTEMPTS = 5;

/**
 * The login page (GET) and its form (POST): a sandbox PSU's username and password. Success moves the interaction to the
 * second factor; each failure is counted, and after {@link MAX_LOGIN_ATTEMPTS} the client gets `access_denied`.
 */
export function createLoginEndpoint(context: AuthorizationContext): Endpoint {
  return async (request) => {
    const stage = await openStage(request, context, 'login');
    if (isResponse(stage)) return stage;
    const model = { language: stage.language, tppName: stage.tppName, csrf: stage.csrf };
    if (request.method !== 'POST') return stage.page(renderLoginPage({ ...model, failed: false }));
    const username = (request.form?.get('username') ?? '').slice(0, 64);
    const psu = await context.psus.authenticate(username, request.form?.get('password') ?? '');
    if (psu === undefined) {
      const failures = await context.storage.interactions.recordFailure(stage.session.key, request.now);
      if (failures >= MAX_LOGIN_ATTEMPTS) return stage.finish(await refuse(stage.session, 'psu_authentication_failed', context, request.now));
      return stage.page(renderLoginPage({ ...model, failed: true, username }));
    }
    const moved = await context.storage.interactions.advance(
      stage.session.key,
      'login',
      { stage: 'second-factor', subject: psu.subject },
      request.now,
      { maxFailures: MAX_LOGIN_ATTEMPTS },
    );
    if (!moved) throw invalidRequest('This login was already completed', 'interaction_expired');
    return seeOther(stagePath('second-factor', stage.language.prefix));
  };
}
