import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { stagePath } from '../authorization/interaction-session.js';
import { invalidRequest } from '../errors/error-factories.js';
import { seeOther } from '../ui/page-response.js';
import { psuSessionFacts } from './audit-facts.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { attemptSignIn, authorizationSignIn, type SignInServices } from './psu-sign-in-attempt.js';
import { isResponse, openStage, type OpenSignInStage } from './psu-stage.js';

/** Password attempts in one sign-in before it ends (the authorization with `access_denied`). */
export const MAX_LOGIN_ATTEMPTS = 5;

/** The authorization's login page (see {@link createLoginStep}); after too many failures the client gets `access_denied`. */
export function createLoginEndpoint(context: AuthorizationContext): Endpoint {
  return createLoginStep(authorizationSignIn(context), (request, stage) => openStage(request, context, stage));
}

/**
 * The login step of a PSU sign-in, whatever it is for (authorization or dashboard): the page (GET) and its form
 * (POST), a sandbox PSU's username and password, tried as {@link attemptSignIn} says (the per-PSU lockout, at most
 * {@link MAX_LOGIN_ATTEMPTS} checks, then `SignInStage.giveUp`). Success moves the interaction to the second factor.
 */
export function createLoginStep(services: SignInServices, open: OpenSignInStage): Endpoint {
  return async (request) => {
    const stage = await open(request, 'login');
    if (isResponse(stage)) return stage;
    request.audit(psuSessionFacts(stage.session));
    if (request.method !== 'POST') return stage.loginPage();
    const username = (request.form?.get('username') ?? '').slice(0, 64);
    const outcome = await attemptSignIn(request, stage, services, {
      step: 'login',
      maxAttempts: MAX_LOGIN_ATTEMPTS,
      username,
      check: () => services.psus.authenticate(username, request.form?.get('password') ?? ''),
      page: (problem) => stage.loginPage(problem, username),
    });
    if (isResponse(outcome)) return outcome;
    const psu = outcome.passed;
    const moved = await services.interactions.advance(stage.session.key, 'login', { stage: 'second-factor', subject: psu.subject }, request.now);
    if (!moved) throw invalidRequest('This login was already completed', 'interaction_expired');
    request.audit({ subject: psu.subject });
    return seeOther(stagePath('second-factor', stage.language.prefix, stage.session.purpose));
  };
}
