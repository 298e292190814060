import { clientOf } from '../clients/client.js';
import type { ConsentRecord } from '../storage/ports.js';
import { consentView, type ConsentView } from '../ui/dashboard-consent-view.js';
import { renderDashboardPage } from '../ui/dashboard.page.js';
import { renderDashboardEndedPage } from '../ui/dashboard-sign-in.page.js';
import type { Language } from '../protocol/language.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { openSignedInDashboard, type DashboardContext, type SignedInDashboard } from './psu-dashboard-stage.js';
import { isResponse } from './psu-stage.js';

const NOTICES = ['revoked', 'not-revoked'] as const;

/**
 * The PSU's consent dashboard (GET `/consents`): every consent the signed-in PSU decided, as {@link consentView}s
 * (AwaitingAuthorisation ones are not theirs yet), with `?notice=` after a revocation.
 */
export function createDashboardEndpoint(context: DashboardContext): Endpoint {
  return async (request) => {
    const dashboard = await openSignedInDashboard(request, context);
    if (isResponse(dashboard)) return dashboard;
    const notice = NOTICES.find((value) => value === new URL(request.url, context.issuer).searchParams.get('notice'));
    const consents = await psuConsentViews(context, dashboard, request.now);
    return dashboard.page(
      renderDashboardPage({
        language: dashboard.language,
        csrf: dashboard.csrf,
        psuName: dashboard.psu.name,
        consents,
        ...(notice === undefined ? {} : { notice }),
      }),
    );
  };
}

/** Logs the PSU out (POST `/consents/logout`): the session ends and its cookie is deleted. */
export function createDashboardLogoutEndpoint(context: DashboardContext): Endpoint {
  return async (request) => {
    const dashboard = await openSignedInDashboard(request, context);
    if (isResponse(dashboard)) return dashboard;
    return dashboard.end(renderDashboardEndedPage(dashboard.language, 'logged-out'), 200, request.now);
  };
}

/** The signed-in PSU's decided consents as views, newest first, each named after its TPP. */
export async function psuConsentViews(context: DashboardContext, dashboard: SignedInDashboard, now: Date): Promise<ConsentView[]> {
  const consents = (await context.consents.listForPsu(dashboard.psu.subject, now)).filter((consent) => consent.status !== 'AwaitingAuthorisation');
  const names = await tppNames(context, consents);
  const language: Language = dashboard.language.language;
  return consents.map((consent) => consentView(language, consent, names.get(consent.clientId) ?? consent.clientId, dashboard.psu.accounts));
}

async function tppNames(context: DashboardContext, consents: readonly ConsentRecord[]): Promise<Map<string, string>> {
  const clientIds = [...new Set(consents.map((consent) => consent.clientId))];
  const clients = await Promise.all(clientIds.map((clientId) => context.clients.find(clientId)));
  return new Map(clientIds.map((clientId, i) => [clientId, clients[i] === undefined ? clientId : clientOf(clients[i]).displayName]));
}
