import { invalidRequest } from '../errors/error-factories.js';
import { renderRevokePage } from '../ui/dashboard-revoke.page.js';
import { seeOther } from '../ui/page-response.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { psuConsentViews } from './psu-dashboard.endpoint.js';
import { openSignedInDashboard, type DashboardContext } from './psu-dashboard-stage.js';
import { isResponse } from './psu-stage.js';

/**
 * Revoking a consent from the dashboard. GET `/consents/revoke?consent=…`: the confirmation step, for an active consent
 * of the signed-in PSU only (anything else goes back to the dashboard). POST (CSRF token and Origin checked, `consent`):
 * revokes it through the consent lifecycle as the PSU, which ends it only when it is this PSU's and still Authorised,
 * and with it every grant and token; then `303` to the dashboard with a notice.
 */
export function createDashboardRevokeEndpoint(context: DashboardContext): Endpoint {
  return async (request) => {
    const dashboard = await openSignedInDashboard(request, context);
    if (isResponse(dashboard)) return dashboard;
    const back = (notice?: string) => seeOther(`${dashboard.language.prefix}/consents${notice === undefined ? '' : `?notice=${notice}`}`);
    if (request.method === 'POST') {
      const consentId = request.form?.get('consent');
      if (consentId === undefined || consentId === '') throw invalidRequest('Which consent to revoke is missing');
      const revoked = await context.consents.revoke(consentId, { revoker: 'psu', subject: dashboard.psu.subject }, request.now);
      if (revoked === undefined) return back('not-revoked');
      request.audit({ consentId: revoked.consentId, decision: 'revoked' });
      return back('revoked');
    }
    const consentId = new URL(request.url, context.issuer).searchParams.get('consent');
    const consent = (await psuConsentViews(context, dashboard, request.now)).find((view) => view.consentId === consentId && view.active);
    if (consent === undefined) return back();
    return dashboard.page(renderRevokePage({ language: dashboard.language, csrf: dashboard.csrf, consent }));
  };
}
