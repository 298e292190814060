import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { stagePath } from '../authorization/interaction-session.js';
import type { PsuDirectory } from '../authorization/psu-directory.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { InteractionRepository } from '../storage/ports.js';
import { seeOther } from '../ui/page-response.js';
import { psuSessionFacts } from './audit-facts.js';
import type { Endpoint } from './endpoint.types.js';
import { isResponse, openStage, type OpenSignInStage } from './psu-stage.js';

/** Failed password attempts before the sign-in ends (the authorization with `access_denied`). */
export const MAX_LOGIN_ATTEMPTS = 5;

/** The authorization's login page (see {@link createLoginStep}); after too many failures the client gets `access_denied`. */
export function createLoginEndpoint(context: AuthorizationContext): Endpoint {
  return createLoginStep(context.psus, context.storage.interactions, (request, stage) => openStage(request, context, stage));
}

/**
 * The login step of a PSU sign-in, whatever it is for (authorization or dashboard): the page (GET) and its form
 * (POST), a sandbox PSU's username and password. Success moves the interaction to the second factor; each failure is
 * counted, and after {@link MAX_LOGIN_ATTEMPTS} the sign-in ends (`SignInStage.giveUp`).
 */
export function createLoginStep(psus: PsuDirectory, interactions: Pick<InteractionRepository, 'advance' | 'recordFailure'>, open: OpenSignInStage): Endpoint {
  return async (request) => {
    const stage = await open(request, 'login');
    if (isResponse(stage)) return stage;
    request.audit(psuSessionFacts(stage.session));
    if (request.method !== 'POST') return stage.loginPage(false);
    const username = (request.form?.get('username') ?? '').slice(0, 64);
    const psu = await psus.authenticate(username, request.form?.get('password') ?? '');
    if (psu === undefined) {
      const failures = await interactions.recordFailure(stage.session.key, request.now);
      if (failures >= MAX_LOGIN_ATTEMPTS) return stage.giveUp(request.now);
      return stage.loginPage(true, username);
    }
    const moved = await interactions.advance(
      stage.session.key,
      'login',
      { stage: 'second-factor', subject: psu.subject },
      request.now,
      { maxFailures: MAX_LOGIN_ATTEMPTS },
    );
    if (!moved) throw invalidRequest('This login was already completed', 'interaction_expired');
    request.audit({ subject: psu.subject });
    return seeOther(stagePath('second-factor', stage.language.prefix, stage.session.purpose));
  };
}
