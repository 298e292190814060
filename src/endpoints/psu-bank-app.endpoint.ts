import { approveBackchannelRequest, denyBackchannelRequest, type BackchannelDecision, type BackchannelDecisionContext } from '../authorization/ciba-lifecycle.js';
import { clientOf } from '../clients/client.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import type { BackchannelRequestRecord, BackchannelRequestRepository } from '../storage/ports.js';
import type { BankAppNotice } from '../ui/bank-app-texts.js';
import { renderBankAppPage, type PendingRequestView } from '../ui/bank-app.page.js';
import { seeOther } from '../ui/page-response.js';
import { openSignedInDashboard, type DashboardContext } from './psu-dashboard-stage.js';
import { isResponse } from './psu-stage.js';

/** What the bank app needs: the dashboard's sign-in and session, the requests, and how decisions are made. */
export interface BankAppContext {
  readonly dashboard: DashboardContext;
  readonly requests: Pick<BackchannelRequestRepository, 'listPending'>;
  readonly decisions: BackchannelDecisionContext;
}

const NOTICES: readonly BankAppNotice[] = ['approved', 'denied', 'finished'];

/**
 * The sandbox bank app, the CIBA authentication device (OpenID CIBA Core §1, §7.1 `binding_message`), on the front
 * channel at `/bank-app` (and `/en`, `/fr`): the PSU signs in through the consent dashboard's session (login and
 * one-time code). GET lists the PSU's pending, unexpired requests; POST (CSRF token and Origin checked, `request` and
 * `decision` = `approve` | `deny`) decides one as this PSU — approval authorises the request's consent with all the
 * PSU's sandbox accounts, as one transaction — then `303` back with a notice.
 */
export function createBankAppEndpoint(context: BankAppContext): Endpoint {
  return async (request) => {
    const app = await openSignedInDashboard(request, context.dashboard);
    if (isResponse(app)) return app;
    const prefix = app.language.prefix;
    if (request.method === 'POST') {
      const requestHash = request.form?.get('request');
      const decision = request.form?.get('decision');
      if (requestHash === undefined || requestHash === '' || (decision !== 'approve' && decision !== 'deny')) {
        throw invalidRequest('Which request to decide, and how, is missing');
      }
      const { subject } = app.psu;
      const outcome: BackchannelDecision =
        decision === 'approve'
          ? await approveBackchannelRequest(
              context.decisions,
              requestHash,
              { subject, accounts: app.psu.accounts.map((account) => account.id), authTime: app.session.interaction.authTime ?? request.now },
              request.now,
            )
          : await denyBackchannelRequest(context.decisions, requestHash, subject, request.now);
      if (outcome.outcome !== 'finished') request.audit({ clientId: outcome.request.clientId, decision: outcome.outcome === 'approved' ? 'allowed' : 'denied' });
      const notice: BankAppNotice = outcome.outcome === 'approved' ? 'approved' : outcome.outcome === 'finished' ? 'finished' : 'denied';
      return seeOther(`${prefix}/bank-app?notice=${notice}`);
    }
    const notice = NOTICES.find((value) => value === new URL(request.url, context.dashboard.issuer).searchParams.get('notice'));
    const pending = await context.requests.listPending(app.psu.subject, request.now);
    return app.page(
      renderBankAppPage({ language: app.language, csrf: app.csrf, requests: await views(context, pending), ...(notice === undefined ? {} : { notice }) }),
    );
  };
}

async function views(context: BankAppContext, pending: readonly BackchannelRequestRecord[]): Promise<PendingRequestView[]> {
  const clientIds = [...new Set(pending.map((item) => item.clientId))];
  const records = await Promise.all(clientIds.map((clientId) => context.dashboard.clients.find(clientId)));
  const names = new Map(clientIds.map((clientId, i) => [clientId, records[i] === undefined ? clientId : clientOf(records[i]).displayName]));
  return pending.map((item) => ({
    requestHash: item.requestHash,
    tppName: names.get(item.clientId) ?? item.clientId,
    scope: item.scope,
    expiresAt: item.expiresAt,
    ...(item.bindingMessage === undefined ? {} : { bindingMessage: item.bindingMessage }),
  }));
}
