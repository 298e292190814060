import { invalidRequest } from '../errors/error-factories.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
import { invalidSoftwareStatement } from './registration-errors.js';
import type { RegistrationRequest } from './registration-request.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Records the single-use identifiers of an accepted registration request, each in one atomic statement shared by
 * every process (so of two concurrent replays exactly one passes): the signed request's `jti` (UK OB DCR), and the
 * software statement's `jti` when the profile makes SSAs single-use — except on an update that presents the very SSA
 * the client registered with. Called last, so that a request refused for another reason uses up nothing.
 */
export async function claimSingleUse(
  replayCache: ReplayCacheRepository,
  request: RegistrationRequest,
  ssaSingleUse: boolean,
  now: Date,
  registeredStatement?: unknown,
): Promise<void> {
  const { requestJti, softwareStatement: statement } = request;
  if (requestJti !== undefined && !(await replayCache.claimOnce('registration_request', requestJti.id, requestJti.expiresAt, now))) {
    throw invalidRequest('The registration request jti was already used', 'assertion_replayed');
  }
  if (!ssaSingleUse || statement === undefined || statement.jwt === registeredStatement) return;
  const expiresAt = statement.expiresAt ?? new Date(now.getTime() + YEAR_MS);
  if (!(await replayCache.claimOnce('software_statement', `${statement.issuer}:${statement.jti}`, expiresAt, now))) {
    throw invalidSoftwareStatement('The software statement was already used to register a client', 'software_statement_replayed');
  }
}
