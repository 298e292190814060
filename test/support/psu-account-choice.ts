import { accountInputsOf, csrfOf, oneTimeCodeOf, type PageExchange, type PsuHttpClient } from './psu-http.js';

/** What {@link authorizeChoosingAccount} saw and where the PSU was sent. */
export interface PsuJourney {
  /** The consent page as the PSU's browser received it. */
  readonly consentPage: PageExchange;
  /** The account inputs of the consent page, as [name, value] pairs. */
  readonly accountInputs: readonly [string, string][];
  /** The redirect to the client after the decision. */
  readonly location: string;
}

/**
 * A whole PSU authorization over HTTP (like `authorizeAsPsu`) that ticks exactly the account `accountId` (the input
 * whose value is that id, check box or radio button) and keeps the consent page it was shown. Throws when the page
 * offers no such account.
 */
export async function authorizeChoosingAccount(
  client: PsuHttpClient,
  authorizeUrl: string,
  choice: { readonly accountId?: string; readonly decision?: 'allow' | 'deny'; readonly username?: string } = {},
): Promise<PsuJourney> {
  const start = await client.get(authorizeUrl);
  if (start.status !== 303 || start.location === undefined || !start.location.startsWith('/')) {
    throw new Error(`authorize answered ${start.status} ${start.location ?? ''}: ${start.body.slice(0, 500)}`);
  }
  const username = choice.username ?? 'alice';
  const login = await client.get(start.location);
  const loggedIn = await client.post(start.location, { csrf: csrfOf(login), username, password: `sandbox-${username}` });
  if (loggedIn.location === undefined) throw new Error(`login answered ${loggedIn.status}`);
  const secondFactor = await client.get(loggedIn.location);
  const confirmed = await client.post(loggedIn.location, { csrf: csrfOf(secondFactor), otp: oneTimeCodeOf(secondFactor) });
  if (confirmed.location === undefined) throw new Error(`second factor answered ${confirmed.status}`);
  const consentPage = await client.get(confirmed.location);
  const accountInputs = accountInputsOf(consentPage);
  const picked: Record<string, string> = {};
  if (choice.accountId !== undefined) {
    const input = accountInputs.find(([, value]) => value === choice.accountId);
    if (input === undefined) throw new Error(`the consent page offers no account ${choice.accountId}: ${JSON.stringify(accountInputs)}`);
    picked[input[0]] = input[1];
  }
  const decided = await client.post(confirmed.location, { csrf: csrfOf(consentPage), decision: choice.decision ?? 'allow', ...picked });
  if (decided.status !== 303 || decided.location === undefined) throw new Error(`consent answered ${decided.status}: ${decided.body.slice(0, 500)}`);
  return { consentPage, accountInputs, location: decided.location };
}
