import type { EndpointRequest } from '../endpoints/endpoint.types.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { InteractionRecord, InteractionRepository, InteractionStage } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import { csrfTokenMatches, INTERACTION_COOKIE, readCookie } from '../ui/interaction-cookie.js';
import { fromStoredRequest, type AuthorizationRequest } from './authorization-request.js';

/** Paths of the PSU pages, one per stage of an interaction (each also served under `/{lang}`). */
export const STAGE_PATHS: Readonly<Record<Exclude<InteractionStage, 'done'>, string>> = {
  login: '/login',
  'second-factor': '/sca',
  consent: '/consent',
};

/** The interaction a request belongs to, by its session cookie. */
export interface InteractionSession {
  /** The cookie value: the secret the CSRF token and one-time codes derive from. Never stored. */
  readonly secret: string;
  /** SHA-256 of the cookie value: the interaction's key in storage. */
  readonly key: string;
  readonly interaction: InteractionRecord;
  readonly request: AuthorizationRequest;
}

const sessionEnded = () =>
  invalidRequest('There is no PSU session, or it has expired or ended', 'interaction_expired');

/** Loads the live, unfinished interaction named by the session cookie; an error page otherwise. */
export async function loadSession(request: EndpointRequest, interactions: InteractionRepository): Promise<InteractionSession> {
  const secret = readCookie(request.headers['cookie'], INTERACTION_COOKIE);
  if (secret === undefined || !/^[A-Za-z0-9_-]{43}$/.test(secret)) throw sessionEnded();
  const key = hashToken(secret);
  const interaction = await interactions.find(key, request.now);
  if (interaction === undefined || interaction.stage === 'done') throw sessionEnded();
  return { secret, key, interaction, request: fromStoredRequest(interaction.request) };
}

/**
 * CSRF protection of PSU form posts: the hidden `csrf` field must be the session's token, and a browser's `Origin`
 * header, when sent, must be the issuer's origin (OWASP CSRF cheat sheet: synchroniser token plus origin check).
 */
export function requireSameOriginPost(request: EndpointRequest, session: InteractionSession, issuer: string): void {
  const origin = request.headers['origin'];
  const sameOrigin = origin === undefined || origin === new URL(issuer).origin;
  if (!sameOrigin || !csrfTokenMatches(session.secret, request.form?.get('csrf'))) {
    throw new OAuthError('access_denied', 'The form was not posted from this site', { reason: 'csrf_invalid' });
  }
}

/** The page of a stage, keeping the PSU's language prefix. */
export function stagePath(stage: Exclude<InteractionStage, 'done'>, prefix: string): string {
  return `${prefix}${STAGE_PATHS[stage]}`;
}
