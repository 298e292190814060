import { execFile } from 'node:child_process';
import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { hashSecret } from '../../src/client-auth/secret-hash.js';
import { authorizationParameters, authorizeUrl, formOf, pkcePair, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { CLI } from '../support/obas-process.js';
import { csrfOf, type PageExchange, type PsuHttpClient } from '../support/psu-http.js';

const run = promisify(execFile);

/** The texts of a locked-out sign-in page (a lock of a minute or less). */
export const LOCKED = {
  en: 'Too many failed attempts. Try again in 1 minute.',
  fr: 'Trop de tentatives échouées. Réessayez dans 1 minute.',
};
export const WRONG_PASSWORD = 'The username or password is not right';
export const WRONG_CODE = 'That code is not right';

/** A sandbox PSU whose password is `pw-<username>`. */
export interface TestPsu {
  readonly username: string;
  readonly password: string;
  readonly subject: string;
}

/** An scrypt hash like `hashSecret`'s, with parallelism `p` (4 costs about four times as much work). */
async function scryptHash(secret: string, p: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((done, fail) =>
    scrypt(secret, salt, 32, { N: 2 ** 15, r: 8, p, maxmem: 64 * 1024 * 1024 }, (error, derived) => (error ? fail(error) : done(derived))),
  );
  return ['scrypt', 15, 8, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * `sandbox.psus` for `usernames`, each with one account; with `costlyFirst`, the first one's password hash costs four
 * times the usual scrypt work (so that what an unknown username costs can be told apart from the usual cost).
 */
export async function sandboxPsus(usernames: readonly string[], costlyFirst = false): Promise<Record<string, unknown>[]> {
  return Promise.all(
    usernames.map(async (username, index) => ({
      username,
      passwordHash: costlyFirst && index === 0 ? await scryptHash(`pw-${username}`, 4) : await hashSecret(`pw-${username}`),
      subject: `psu-${username}`,
      name: `${username} Tester`,
      accounts: [{ id: `acc-${username}`, name: 'Current account', identification: `GB00 TEST ${index}`, currency: 'GBP' }],
    })),
  );
}

export const psu = (username: string): TestPsu => ({ username, password: `pw-${username}`, subject: `psu-${username}` });

/** A PSU session at a sign-in page: its cookie (sent explicitly, so that it outlives a `Max-Age=0`) and CSRF token. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/** The `name=value` of the cookie an answer sets. */
export function cookieOf(answer: PageExchange): string {
  const cookie = /^([^=;]+=[^;]*)/.exec(answer.headers.get('set-cookie') ?? '')?.[1];
  if (cookie === undefined) throw new Error(`no cookie set (status ${answer.status})`);
  return cookie;
}

/** Opens the page `path` of a started session; resolves the session. */
export async function sessionAt(client: PsuHttpClient, cookie: string, path: string): Promise<Session> {
  return { cookie, csrf: csrfOf(await client.get(path, { cookie })) };
}

/** Starts an authorization of the fixture's TPP a in `client`; resolves the session at its login page. */
export async function startLogin(fixture: AuthorizationFixture, client: PsuHttpClient): Promise<Session> {
  const query = formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge));
  const started = await client.get(authorizeUrl(fixture, query));
  expect(started.location).toBe('/login');
  return sessionAt(client, cookieOf(started), '/login');
}

/** Starts a consent dashboard sign-in; resolves the session at its login page. */
export async function startDashboard(client: PsuHttpClient): Promise<Session> {
  const started = await client.get('/consents');
  expect(started.location).toBe('/consents/login');
  return sessionAt(client, cookieOf(started), '/consents/login');
}

/** Posts a sign-in form of `session`. */
export function post(client: PsuHttpClient, session: Session, path: string, fields: Record<string, string>): Promise<PageExchange> {
  return client.post(path, { csrf: session.csrf, ...fields }, { cookie: session.cookie });
}

/** The sandbox one-time code shown on a page. */
export const codeOn = (page: PageExchange): string | undefined => /id="sandbox-code">[^<]*?(\d{6})/.exec(page.body)?.[1];

/** A six-digit code other than `code`. */
export const otherCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** What an answer says, without what differs per request (its date and interaction id). */
export function comparable(answer: PageExchange): { status: number; headers: Record<string, string>; body: string } {
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['date', 'x-fapi-interaction-id'].includes(name)));
  return { status: answer.status, headers, body: answer.body };
}

/** Runs the built CLI with `--config file` and `args`, on the database the file names; resolves its standard output. */
export async function obasCli(configFile: string, args: readonly string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['OBAS_CONFIG'];
  return (await run(process.execPath, [CLI, '--config', configFile, ...args], { env })).stdout;
}
