import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { refuse } from '../authorization/authorization-decision.js';
import { clientOf } from '../clients/client.js';
import { loadSession, requireSameOriginPost, STAGE_PATHS, stagePath, type InteractionSession, type OpenStage, type PsuSession } from '../authorization/interaction-session.js';
import type { SafeHtml } from '../ui/html.js';
import { csrfTokenFor, expiredInteractionCookie } from '../ui/interaction-cookie.js';
import { pageLanguage, type PageLanguage } from '../protocol/language.js';
import { renderLoginPage } from '../ui/login.page.js';
import { MESSAGES } from '../ui/messages.js';
import { pageResponse, seeOther } from '../ui/page-response.js';
import { renderSecondFactorPage } from '../ui/second-factor.page.js';
import type { SignInProblem } from '../ui/sign-in-form.js';
import type { EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';

/**
 * A sign-in page (login or one-time code) of either purpose, authorization or dashboard: what the shared login and
 * second-factor steps need, the pages and the outcome of too many failures being the purpose's own.
 */
export interface SignInStage {
  readonly session: PsuSession;
  readonly language: PageLanguage;
  readonly csrf: string;
  loginPage(problem?: SignInProblem, username?: string): EndpointResponse;
  secondFactorPage(sandboxCode: string, problem?: SignInProblem): EndpointResponse;
  /** Ends the sign-in after too many failed attempts. */
  giveUp(now: Date): Promise<EndpointResponse>;
}

/** Opens a sign-in page at a stage: the stage, or the response that already answers (a redirect to the right page). */
export type OpenSignInStage = (request: EndpointRequest, stage: 'login' | 'second-factor') => Promise<SignInStage | EndpointResponse>;

/** An authorization page request at the stage the interaction is in. */
export interface PsuStage extends SignInStage {
  readonly session: InteractionSession;
  readonly tppName: string;
  /** Renders a page of this stage (CSP allowing the form to lead on to the client's redirect URI). */
  page(content: SafeHtml): EndpointResponse;
  /** Ends the interaction in the browser: `303` to the client's redirect URI, session cookie deleted. */
  finish(location: string): EndpointResponse;
}

/**
 * Opens an authorization page: loads the session (an error page without one), answers `303` to the interaction's
 * current page when the PSU is on another one (back button, bookmark), checks CSRF on posts, and prepares what every
 * page needs. Too many failed sign-in attempts end the authorization with `access_denied` at the client.
 */
export async function openStage(request: EndpointRequest, context: AuthorizationContext, stage: OpenStage): Promise<PsuStage | EndpointResponse> {
  const session = await loadSession(request, context.storage.interactions);
  const language = pageLanguage(request.url, request.headers['accept-language']);
  const current = session.interaction.stage as OpenStage;
  if (current !== stage) return seeOther(stagePath(current, language.prefix));
  if (request.method === 'POST') requireSameOriginPost(request, session, context.issuer);
  const client = await context.storage.clients.find(session.request.clientId);
  const formTargets = [new URL(session.request.redirectUri).origin];
  const tppName = client === undefined ? session.request.clientId : clientOf(client).displayName;
  const csrf = csrfTokenFor(session.secret);
  const page = (content: SafeHtml) => pageResponse(200, content, {}, formTargets);
  const finish = (location: string) => seeOther(location, { 'set-cookie': expiredInteractionCookie() });
  return {
    session,
    language,
    csrf,
    tppName,
    page,
    finish,
    loginPage: (problem, username) =>
      page(
        renderLoginPage({
          language,
          csrf,
          problem,
          ...(username === undefined ? {} : { username }),
          intro: MESSAGES[language.language].loginIntro(tppName),
          title: MESSAGES[language.language].loginTitle,
          path: STAGE_PATHS.login,
        }),
      ),
    secondFactorPage: (sandboxCode, problem) => page(renderSecondFactorPage({ language, csrf, sandboxCode, problem, path: STAGE_PATHS['second-factor'] })),
    giveUp: async (now) => finish(await refuse(session, 'psu_authentication_failed', context, now)),
  };
}

/** Whether an opener answered already (a redirect to the right page) instead of opening the stage. */
export const isResponse = <T extends object>(value: T | EndpointResponse): value is EndpointResponse => 'status' in value && 'headers' in value;
