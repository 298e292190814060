import { Agent, fetch as undiciFetch } from 'undici';

/** One HTTP exchange as a browser would see it, redirects not followed. */
export interface PageExchange {
  readonly status: number;
  readonly location: string | undefined;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A minimal browser for the PSU pages over HTTPS: keeps the session cookie, does not follow redirects, sends the
 * `Origin` a browser sends with form posts. For rejection tests; the full journey runs in Chromium too.
 */
export class PsuHttpClient {
  readonly #agent: Agent;
  readonly #issuer: string;
  #cookies = new Map<string, string>();

  constructor(issuer: string, caPem: string) {
    this.#issuer = issuer;
    this.#agent = new Agent({ connect: { ca: caPem } });
  }

  get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<PageExchange> {
    return this.#send(pathOrUrl, { method: 'GET', headers });
  }

  post(pathOrUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<PageExchange> {
    return this.#send(pathOrUrl, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(this.#issuer).origin, ...headers },
    });
  }

  /** Forgets the session cookie (a new browser). */
  clearCookies(): void {
    this.#cookies = new Map();
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #send(pathOrUrl: string, init: { method: string; body?: string; headers: Record<string, string> }): Promise<PageExchange> {
    const url = new URL(pathOrUrl, this.#issuer);
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await undiciFetch(url, {
      ...init,
      headers: { ...(cookie === '' ? {} : { cookie }), ...init.headers },
      redirect: 'manual',
      dispatcher: this.#agent,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const maxAgeZero = /;\s*max-age=0/i.test(line);
      if (maxAgeZero) this.#cookies.delete(pair.slice(0, separator));
      else this.#cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      headers: response.headers as unknown as Headers,
      body: await response.text(),
    };
  }
}

/** The CSRF token of a PSU page. */
export function csrfOf(page: PageExchange): string {
  const token = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (token === undefined) throw new Error(`no CSRF field on the page (status ${page.status})`);
  return token;
}

/** The sandbox one-time code shown on the second-factor page. */
export function oneTimeCodeOf(page: PageExchange): string {
  const code = /id="sandbox-code">[^<]*?(\d{6})/.exec(page.body)?.[1];
  if (code === undefined) throw new Error('no one-time code on the page');
  return code;
}

/** The account inputs of the consent page, as [name, value] pairs. */
export function accountInputsOf(page: PageExchange): [string, string][] {
  return [...page.body.matchAll(/<input type="(?:checkbox|radio)" id="account-\d+" name="([^"]+)" value="([^"]+)"/g)].map((match) => [
    match[1] ?? '',
    match[2] ?? '',
  ]);
}

/** How the PSU goes through the pages. */
export interface PsuChoices {
  readonly username?: string;
  readonly password?: string;
  readonly decision?: 'allow' | 'deny';
  /** Which accounts to tick: the first one (default) or none. */
  readonly accounts?: 'first' | 'none';
}

/**
 * Runs a whole PSU authorization: follows the authorization endpoint to the login page, logs in as a sandbox PSU,
 * types the one-time code, decides. Resolves the redirect the client receives (its redirect URI with the response);
 * if the authorization endpoint redirects straight to the client (an error), that redirect.
 */
export async function authorizeAsPsu(client: PsuHttpClient, authorizeUrl: string, choices: PsuChoices = {}): Promise<string> {
  const start = await client.get(authorizeUrl);
  if (start.status !== 303 || start.location === undefined) throw new Error(`authorize answered ${start.status}: ${start.body.slice(0, 500)}`);
  if (!start.location.startsWith('/')) return start.location;
  const username = choices.username ?? 'alice';
  const login = await client.get(start.location);
  const loggedIn = await client.post(start.location, { csrf: csrfOf(login), username, password: choices.password ?? `sandbox-${username}` });
  if (loggedIn.location === undefined) throw new Error(`login answered ${loggedIn.status}`);
  const secondFactor = await client.get(loggedIn.location);
  const confirmed = await client.post(loggedIn.location, { csrf: csrfOf(secondFactor), otp: oneTimeCodeOf(secondFactor) });
  if (confirmed.location === undefined) throw new Error(`second factor answered ${confirmed.status}`);
  const consent = await client.get(confirmed.location);
  const [first] = accountInputsOf(consent);
  const picked = choices.accounts === 'none' || first === undefined ? {} : { [first[0]]: first[1] };
  const decided = await client.post(confirmed.location, { csrf: csrfOf(consent), decision: choices.decision ?? 'allow', ...picked });
  if (decided.status !== 303 || decided.location === undefined) throw new Error(`consent answered ${decided.status}: ${decided.body.slice(0, 500)}`);
  return decided.location;
}
