import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { approve, consentExpiry, refuse } from '../authorization/authorization-decision.js';
import { accountSelection } from '../authorization/scope-rules.js';
import { consentAccountSelection } from '../consent/account-selection.js';
import { invalidRequest } from '../errors/error-factories.js';
import { consentItems } from '../ui/consent-items.js';
import { renderConsentPage } from '../ui/consent.page.js';
import { intentFacts, psuSessionFacts } from './audit-facts.js';
import type { Endpoint, FormParameters } from '../protocol/endpoint.types.js';
import { isResponse, openStage } from './psu-stage.js';

/**
 * The consent page (GET) and the PSU's decision (POST `decision=allow|deny`): who asks, what for, which of the PSU's
 * accounts, until when. Allow issues the code (see `approve`); Deny ends in `access_denied` at the client. Only the
 * PSU's own accounts can be chosen; choosing none where accounts are needed shows the page again.
 */
export function createConsentEndpoint(context: AuthorizationContext): Endpoint {
  return async (request) => {
    const stage = await openStage(request, context, 'consent');
    if (isResponse(stage)) return stage;
    const { session } = stage;
    request.audit({ ...psuSessionFacts(session), ...intentFacts(session.request.intentId) });
    const psu = context.psus.find(session.interaction.subject ?? '');
    if (psu === undefined) throw invalidRequest('The PSU of this session no longer exists', 'interaction_expired');
    const consent = session.request.intentId === undefined ? undefined : await context.storage.consents.find(session.request.intentId);
    const selection = consentAccountSelection(consent, accountSelection(context.policy.profile, session.request.scope));
    const show = (noAccountChosen: boolean) =>
      stage.page(
        renderConsentPage({
          language: stage.language,
          csrf: stage.csrf,
          tppName: stage.tppName,
          psuName: psu.name,
          permissions: consentItems(stage.language.language, session.request.scope, consent),
          accounts: psu.accounts,
          selection,
          expiresAt: consentExpiry(consent, request.now, context.lifetimes.consent),
          noAccountChosen,
        }),
      );
    const decided = (outcome: 'allowed' | 'denied', location: string) => {
      request.audit({ decision: outcome });
      return stage.finish(location);
    };
    if (request.method !== 'POST') return show(false);
    const decision = request.form?.get('decision');
    if (decision === 'deny') return decided('denied', await refuse(session, 'psu_denied', context, request.now));
    if (decision !== 'allow') throw invalidRequest('The decision must be allow or deny');
    const owned = new Set(psu.accounts.map((account) => account.id));
    const chosen = chosenAccounts(request.form ?? new Map(), selection);
    if (chosen.some((id) => !owned.has(id))) throw invalidRequest('Only accounts of the PSU can be chosen');
    if (selection !== 'none' && chosen.length === 0) return show(true);
    return decided('allowed', await approve(session, psu, chosen, context, request.now));
  };
}

function chosenAccounts(form: FormParameters, selection: 'many' | 'one' | 'none'): string[] {
  if (selection === 'none') return [];
  if (selection === 'one') {
    const account = form.get('account');
    return account === undefined || account === '' ? [] : [account];
  }
  return [...form].filter(([name]) => /^account_\d{1,3}$/.test(name)).map(([, value]) => value);
}
