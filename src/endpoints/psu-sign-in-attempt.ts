import type { AuthorizationContext } from '../authorization/authorization-context.js';
import type { PsuDirectory } from '../authorization/psu-directory.js';
import type { LockoutStatus, PsuLockout } from '../authorization/psu-lockout.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { InteractionRepository } from '../storage/ports.js';
import type { SignInProblem } from '../ui/sign-in-form.js';
import type { EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';
import type { SignInStage } from './psu-stage.js';

/** What the shared sign-in steps (login, one-time code) need, whatever the sign-in is for. */
export interface SignInServices {
  readonly psus: PsuDirectory;
  readonly psuLockout: PsuLockout;
  readonly interactions: Pick<InteractionRepository, 'advance' | 'claimAttempt'>;
}

/** The sign-in services of the authorization pages. */
export const authorizationSignIn = (context: AuthorizationContext): SignInServices => ({
  psus: context.psus,
  psuLockout: context.psuLockout,
  interactions: context.storage.interactions,
});

/** One attempt at a sign-in step. */
export interface SignInAttempt<T> {
  readonly step: 'login' | 'second-factor';
  /** Attempts the step allows in one interaction. */
  readonly maxAttempts: number;
  /** Whom the attempt counts against: the typed username at login, the PSU's at the one-time code. */
  readonly username: string;
  /** Checks the credential: what it proved, or undefined when it is wrong. */
  check(): Promise<T | undefined>;
  /** The step's page again, telling the problem. */
  page(problem: SignInProblem): EndpointResponse | Promise<EndpointResponse>;
}

const lockedOutRefusal = () =>
  new OAuthError('access_denied', 'The PSU is locked out after too many failed sign-in attempts', { reason: 'psu_locked_out' });

/**
 * Runs one sign-in attempt so that its answer depends on the credential only when the credential was checked (RFC 9700
 * §4.15 brute force, OWASP "Account Lockout"). While the username is locked out, the page says for how long and nothing
 * is checked. Then an attempt is claimed in the interaction before the check, so parallel posts get no more checks
 * than the step allows; with none left, the sign-in ends unchecked. A wrong credential counts towards the lockout; the
 * last attempt failing ends the sign-in. Resolves what the check proved, or the answer.
 */
export async function attemptSignIn<T>(
  request: EndpointRequest,
  stage: SignInStage,
  services: SignInServices,
  attempt: SignInAttempt<T>,
): Promise<{ readonly passed: T } | EndpointResponse> {
  const lockedOut = (status: Extract<LockoutStatus, { locked: true }>) => {
    request.audit({ refusal: lockedOutRefusal() });
    return attempt.page(status);
  };
  const before = await services.psuLockout.status(attempt.username, request.now);
  if (before.locked) return lockedOut(before);
  const claimed = await services.interactions.claimAttempt(stage.session.key, attempt.step, attempt.maxAttempts, request.now);
  if (claimed === undefined) return stage.giveUp(request.now);
  const passed = await attempt.check();
  if (passed !== undefined) return { passed };
  const after = await services.psuLockout.fail(attempt.username, request.now);
  if (claimed >= attempt.maxAttempts) return stage.giveUp(request.now);
  return after.locked ? lockedOut(after) : attempt.page('failed');
}
