import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { loadSession, requireSameOriginPost, stagePath, type InteractionSession } from '../authorization/interaction-session.js';
import { clientDisplayName } from '../authorization/client-registration.js';
import type { InteractionStage } from '../storage/ports.js';
import type { SafeHtml } from '../ui/html.js';
import { csrfTokenFor, expiredInteractionCookie } from '../ui/interaction-cookie.js';
import { pageLanguage, type PageLanguage } from '../ui/language.js';
import { pageResponse, seeOther } from '../ui/page-response.js';
import type { EndpointRequest, EndpointResponse } from './endpoint.types.js';

/** A PSU page request at the stage the interaction is in. */
export interface PsuStage {
  readonly session: InteractionSession;
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly tppName: string;
  /** Renders a page of this stage (CSP allowing the form to lead on to the client's redirect URI). */
  page(content: SafeHtml): EndpointResponse;
  /** Ends the interaction in the browser: `303` to the client's redirect URI, session cookie deleted. */
  finish(location: string): EndpointResponse;
}

/**
 * Opens a PSU page: loads the session (an error page without one), answers `303` to the interaction's current page
 * when the PSU is on another one (back button, bookmark), checks CSRF on posts, and prepares what every page needs.
 */
export async function openStage(
  request: EndpointRequest,
  context: AuthorizationContext,
  stage: Exclude<InteractionStage, 'done'>,
): Promise<PsuStage | EndpointResponse> {
  const session = await loadSession(request, context.storage.interactions);
  const language = pageLanguage(request.url, request.headers['accept-language']);
  const current = session.interaction.stage as Exclude<InteractionStage, 'done'>;
  if (current !== stage) return seeOther(stagePath(current, language.prefix));
  if (request.method === 'POST') requireSameOriginPost(request, session, context.issuer);
  const client = await context.storage.clients.find(session.request.clientId);
  const formTargets = [new URL(session.request.redirectUri).origin];
  return {
    session,
    language,
    csrf: csrfTokenFor(session.secret),
    tppName: client === undefined ? session.request.clientId : clientDisplayName(client),
    page: (content) => pageResponse(200, content, {}, formTargets),
    finish: (location) => seeOther(location, { 'set-cookie': expiredInteractionCookie() }),
  };
}

/** Whether {@link openStage} answered already (a redirect to the right page). */
export const isResponse = (value: PsuStage | EndpointResponse): value is EndpointResponse => 'status' in value;
