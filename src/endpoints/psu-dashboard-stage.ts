import {
  DASHBOARD_REQUEST,
  findPsuSession,
  requireSameOriginPost,
  stagePath,
  type OpenStage,
  type PsuSession,
} from '../authorization/interaction-session.js';
import type { PsuDirectory } from '../authorization/psu-directory.js';
import type { PsuLockout } from '../authorization/psu-lockout.js';
import type { SandboxPsu } from '../consent/sandbox-psu.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { ClientRepository, InteractionRepository } from '../storage/ports.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { renderDashboardEndedPage } from '../ui/dashboard-sign-in.page.js';
import { renderLoginPage } from '../ui/login.page.js';
import { MESSAGES } from '../ui/messages.js';
import { renderSecondFactorPage } from '../ui/second-factor.page.js';
import type { SafeHtml } from '../ui/html.js';
import { csrfTokenFor } from '../ui/interaction-cookie.js';
import { pageLanguage, type PageLanguage } from '../protocol/language.js';
import { pageResponse, seeOther } from '../ui/page-response.js';
import type { EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';
import { isResponse, type SignInStage } from './psu-stage.js';

/** Name of the dashboard session cookie: apart from the authorization one, so that both can be open in one browser. */
export const DASHBOARD_COOKIE = '__Host-obas-dashboard';

/**
 * `Set-Cookie` of a dashboard session: `__Host-` (Secure, Path=/, no Domain: RFC 6265bis §4.1.3.2), HttpOnly,
 * SameSite=Lax (every state change is a CSRF-checked post), living as long as the session (0 deletes it).
 */
export function dashboardCookie(value: string, maxAgeSeconds: number): string {
  return `${DASHBOARD_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

/** What the dashboard pages need, wired once. */
export interface DashboardContext {
  readonly issuer: string;
  readonly interactions: Pick<InteractionRepository, 'insert' | 'find' | 'advance' | 'claimAttempt'>;
  readonly clients: Pick<ClientRepository, 'find'>;
  readonly psus: PsuDirectory;
  readonly psuLockout: PsuLockout;
  readonly consents: Pick<ConsentLifecycle, 'listForPsu' | 'revoke'>;
  /** Lifetime of a dashboard session from its start (sign-in included); the PSU then signs in again. */
  readonly sessionSeconds: number;
}

/** A dashboard page request at its stage. */
export interface DashboardStage {
  readonly session: PsuSession;
  readonly language: PageLanguage;
  readonly csrf: string;
  /** Renders a page (forms post to obas only). */
  page(content: SafeHtml, status?: number): EndpointResponse;
  /** Ends the session: marks it done and deletes the cookie, answering with `content`. */
  end(content: SafeHtml, status: number, now: Date): Promise<EndpointResponse>;
}

/** The signed-in dashboard: its stage and the PSU. */
export interface SignedInDashboard extends DashboardStage {
  readonly psu: SandboxPsu;
}

/**
 * Opens a dashboard page at `stage`. Without a live dashboard session a GET starts one (a 256-bit cookie value, its
 * SHA-256 the interaction's key, at `login`) and a post goes back to the dashboard; at another stage than the page's,
 * `303` to the session's page; posts must pass the CSRF token and Origin checks.
 */
export async function openDashboardStage(request: EndpointRequest, context: DashboardContext, stage: OpenStage): Promise<DashboardStage | EndpointResponse> {
  const language = pageLanguage(request.url, request.headers['accept-language']);
  const session = await findPsuSession(request, context.interactions, DASHBOARD_COOKIE, 'dashboard');
  if (session === undefined) return request.method === 'GET' ? startSession(context, language, request.now) : seeOther(stagePath('consent', language.prefix, 'dashboard'));
  const current = session.interaction.stage as OpenStage;
  if (current !== stage) return seeOther(stagePath(current, language.prefix, 'dashboard'));
  if (request.method === 'POST') requireSameOriginPost(request, session, context.issuer);
  return {
    session,
    language,
    csrf: csrfTokenFor(session.secret),
    page: (content, status = 200) => pageResponse(status, content),
    async end(content, status, now) {
      await context.interactions.advance(session.key, current, { stage: 'done' }, now);
      return pageResponse(status, content, { 'set-cookie': dashboardCookie('', 0) });
    },
  };
}

/** Opens a signed-in dashboard page (see {@link openDashboardStage}) with the session's PSU, the request's audit subject. */
export async function openSignedInDashboard(request: EndpointRequest, context: DashboardContext): Promise<SignedInDashboard | EndpointResponse> {
  const stage = await openDashboardStage(request, context, 'consent');
  if (isResponse(stage)) return stage;
  const psu = context.psus.find(stage.session.interaction.subject ?? '');
  if (psu === undefined) throw invalidRequest('The PSU of this session no longer exists', 'interaction_expired');
  request.audit({ subject: psu.subject });
  return { ...stage, psu };
}

/** Opens a dashboard sign-in page for the shared login and second-factor steps. */
export async function openDashboardSignIn(request: EndpointRequest, context: DashboardContext, stage: 'login' | 'second-factor'): Promise<SignInStage | EndpointResponse> {
  const opened = await openDashboardStage(request, context, stage);
  if (isResponse(opened)) return opened;
  const { language, csrf } = opened;
  return {
    session: opened.session,
    language,
    csrf,
    loginPage: (problem, username) =>
      opened.page(
        renderLoginPage({
          language,
          csrf,
          problem,
          ...(username === undefined ? {} : { username }),
          intro: MESSAGES[language.language].dashboardLoginIntro,
          title: MESSAGES[language.language].dashboardTitle,
          path: '/consents/login',
        }),
      ),
    secondFactorPage: (sandboxCode, problem) => opened.page(renderSecondFactorPage({ language, csrf, problem, sandboxCode, path: '/consents/sca' })),
    giveUp: (now) => opened.end(renderDashboardEndedPage(language, 'too-many-failures'), 403, now),
  };
}

async function startSession(context: DashboardContext, language: PageLanguage, now: Date): Promise<EndpointResponse> {
  const secret = randomHandle(32);
  await context.interactions.insert({
    interactionHash: hashToken(secret),
    clientId: '',
    request: DASHBOARD_REQUEST,
    stage: 'login',
    failedAttempts: 0,
    createdAt: now,
    expiresAt: new Date(now.getTime() + context.sessionSeconds * 1000),
  });
  return seeOther(stagePath('login', language.prefix, 'dashboard'), { 'set-cookie': dashboardCookie(secret, context.sessionSeconds) });
}
