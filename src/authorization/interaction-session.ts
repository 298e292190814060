import type { EndpointRequest } from '../protocol/endpoint.types.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { InteractionRecord, InteractionRepository, InteractionStage } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import { csrfTokenMatches, INTERACTION_COOKIE, readCookie } from '../ui/interaction-cookie.js';
import { fromStoredRequest, type AuthorizationRequest } from './authorization-request.js';

/**
 * What a PSU interaction is for: authorising a TPP's request, or the PSU's consent dashboard. Both sign the PSU in the
 * same way (login, one-time code) through the same stages; the dashboard's `consent` stage is the signed-in dashboard,
 * where the PSU decides about the consents they gave.
 */
export type InteractionPurpose = 'authorization' | 'dashboard';

/** A stage a PSU can be at (a page to show). */
export type OpenStage = Exclude<InteractionStage, 'done'>;

/** Paths of the PSU pages of each purpose, one per stage (each also served under `/{lang}`). */
export const PURPOSE_PATHS: Readonly<Record<InteractionPurpose, Readonly<Record<OpenStage, string>>>> = {
  authorization: { login: '/login', 'second-factor': '/sca', consent: '/consent' },
  dashboard: { login: '/consents/login', 'second-factor': '/consents/sca', consent: '/consents' },
};

/** Paths of the authorization pages. */
export const STAGE_PATHS = PURPOSE_PATHS.authorization;

/**
 * The stored "request" of a dashboard interaction, which has no TPP request: it marks the purpose. Dashboard
 * interactions have no client either (`clientId` is empty).
 */
export const DASHBOARD_REQUEST: Readonly<Record<string, unknown>> = { purpose: 'dashboard' };

/** A PSU's server-side session, found by its cookie. */
export interface PsuSession {
  /** The cookie value: the secret the CSRF token and one-time codes derive from. Never stored. */
  readonly secret: string;
  /** SHA-256 of the cookie value: the interaction's key in storage. */
  readonly key: string;
  readonly interaction: InteractionRecord;
  readonly purpose: InteractionPurpose;
}

/** The authorization interaction a request belongs to, by its session cookie. */
export interface InteractionSession extends PsuSession {
  readonly request: AuthorizationRequest;
}

const sessionEnded = () =>
  invalidRequest('There is no PSU session, or it has expired or ended', 'interaction_expired');

const purposeOf = (interaction: InteractionRecord): InteractionPurpose =>
  interaction.request['purpose'] === DASHBOARD_REQUEST['purpose'] ? 'dashboard' : 'authorization';

/**
 * The live, unfinished interaction of `purpose` named by cookie `cookieName`, or undefined (no cookie, a malformed one,
 * an unknown, expired or finished interaction, or one of the other purpose).
 */
export async function findPsuSession(
  request: EndpointRequest,
  interactions: Pick<InteractionRepository, 'find'>,
  cookieName: string,
  purpose: InteractionPurpose,
): Promise<PsuSession | undefined> {
  const secret = readCookie(request.headers['cookie'], cookieName);
  if (secret === undefined || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const key = hashToken(secret);
  const interaction = await interactions.find(key, request.now);
  if (interaction === undefined || interaction.stage === 'done' || purposeOf(interaction) !== purpose) return undefined;
  return { secret, key, interaction, purpose };
}

/** Loads the live, unfinished authorization interaction named by the session cookie; an error page otherwise. */
export async function loadSession(request: EndpointRequest, interactions: InteractionRepository): Promise<InteractionSession> {
  const session = await findPsuSession(request, interactions, INTERACTION_COOKIE, 'authorization');
  if (session === undefined) throw sessionEnded();
  return { ...session, request: fromStoredRequest(session.interaction.request) };
}

/**
 * CSRF protection of PSU form posts: the hidden `csrf` field must be the session's token, and a browser's `Origin`
 * header, when sent, must be the issuer's origin (OWASP CSRF cheat sheet: synchroniser token plus origin check).
 */
export function requireSameOriginPost(request: EndpointRequest, session: Pick<PsuSession, 'secret'>, issuer: string): void {
  const origin = request.headers['origin'];
  const sameOrigin = origin === undefined || origin === new URL(issuer).origin;
  if (!sameOrigin || !csrfTokenMatches(session.secret, request.form?.get('csrf'))) {
    throw new OAuthError('access_denied', 'The form was not posted from this site', { reason: 'csrf_invalid' });
  }
}

/** The page of a stage, keeping the PSU's language prefix. */
export function stagePath(stage: OpenStage, prefix: string, purpose: InteractionPurpose = 'authorization'): string {
  return `${prefix}${PURPOSE_PATHS[purpose][stage]}`;
}
