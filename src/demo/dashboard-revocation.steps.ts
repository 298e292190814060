import { PURPOSE_PATHS } from '../authorization/interaction-session.js';
import type { DemoSession } from './demo-session.js';
import { formData } from './html-forms.js';
import { formWith, PsuBrowser } from './psu-browser.js';
import { expectRedirect, signInAsPsu } from './psu-sign-in.js';
import type { StepResult } from './step-runner.js';

/**
 * Step 10: the PSU revokes the consent on the consent dashboard, in a fresh browser: `/consents` sends them to log in
 * (`/consents/login`, then the one-time code at `/consents/sca`), the dashboard's Revoke button for this consent leads
 * to the confirmation (`/consents/revoke`), and confirming it comes back with the `revoked` notice.
 */
export async function revokeOnDashboard(session: DemoSession, consentId: string): Promise<StepResult<void>> {
  const { target } = session;
  const browser = new PsuBrowser(target.issuer, session.transport({ caPem: target.devCa.certPem }));
  const start = await browser.open(`${target.issuer}${PURPOSE_PATHS.dashboard.consent}`);
  const dashboard = await signInAsPsu(browser, await browser.follow(expectRedirect(start, 'the dashboard')), session.psu, (secret) => session.redactor.remember(secret));
  const revokeForm = formWith(dashboard, (form) => form.controls.some((control) => control.name === 'consent' && control.value === consentId));
  const confirmation = await browser.submit(dashboard, revokeForm, formData(revokeForm));
  const confirmForm = formWith(confirmation, (form) => form.method === 'POST' && form.controls.some((control) => control.name === 'consent'));
  const revoked = expectRedirect(await browser.submit(confirmation, confirmForm, formData(confirmForm)), 'the revocation');
  const notice = revoked.location === undefined ? null : new URL(revoked.location).searchParams.get('notice');
  if (notice !== 'revoked') throw new Error(`the dashboard answered notice=${String(notice)} instead of revoked`);
  return { value: undefined, detail: `${session.psu.username} signed in to /consents (password, one-time code), Revoke on ${consentId}, confirmed → notice=revoked` };
}

