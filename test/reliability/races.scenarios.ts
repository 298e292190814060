import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { fetch as undiciFetch, type Agent } from 'undici';
import { expect, it } from 'vitest';
import { pkcePair } from '../authorization/authorization-fixture.js';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { authorizeAsPsu, type PsuHttpClient } from '../support/psu-http.js';
import { postForm } from '../support/tpp-client.js';
import type { ClientSigningKey, TppCertificates } from '../support/tpp-fixtures.js';

/** The profiles the races run in: STET (codes, rotation, assertions) and UK OB (consents). */
export type RaceProfile = 'stet' | 'uk-ob';

/** One deployment the races run against: one or several obas processes over one database. */
export interface RaceTarget {
  readonly profile: RaceProfile;
  readonly issuer: string;
  /** The mTLS base URL of each process; request `i` of a fan-out goes to process `i mod n`. */
  readonly mtlsUrls: readonly string[];
  /** Presents the certificate of `tpp-a` (and of `tpp-jwt`, which authenticates with assertions over it). */
  readonly agent: Agent;
  readonly psu: PsuHttpClient;
  /** The key of `tpp-a`'s request objects and of `tpp-jwt`'s client assertions. */
  readonly key: ClientSigningKey;
  /** A configuration file naming the deployment's database, for `obas consents revoke`. */
  readonly configFile: string;
}

const REDIRECT_URI = 'https://tpp-a.example/cb';
const SCOPES: Readonly<Record<RaceProfile, string>> = { stet: 'aisp', 'uk-ob': 'openid accounts' };

/** The configuration the races need in `profile` (with `knobs`): `tpp-a` (tls_client_auth) and `tpp-jwt` (private_key_jwt). */
export function raceSettings(profile: RaceProfile, knobs: Record<string, unknown>, certs: TppCertificates, key: ClientSigningKey): Record<string, unknown> {
  const common = { grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], scope: SCOPES[profile], jwks: { keys: [key.publicJwk] } };
  return {
    profile: { name: profile, ...knobs },
    clients: [
      {
        ...common,
        client_id: 'tpp-a',
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: certs.main.subjectDn,
        response_types: [profile === 'uk-ob' ? 'code id_token' : 'code'],
        redirect_uris: [REDIRECT_URI],
      },
      { ...common, client_id: 'tpp-jwt', token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'] },
    ],
  };
}

/** An answer of obas: status, headers and parsed JSON. */
export type Answer = Awaited<ReturnType<typeof postForm>>;

/** POSTs a form of `tpp-a` to process `i mod n`. */
export function postTo(target: RaceTarget, i: number, path: string, form: Record<string, string>): Promise<Answer> {
  const base = target.mtlsUrls[i % target.mtlsUrls.length] ?? '';
  return postForm(`${base}${path}`, target.agent, new URLSearchParams({ client_id: 'tpp-a', ...form }).toString());
}

/** Whether `token` introspects active; every process must give the same answer. */
export async function isActive(target: RaceTarget, token: string): Promise<boolean> {
  const answers = await Promise.all(target.mtlsUrls.map((_, i) => postTo(target, i, '/introspect', { token })));
  const actives = answers.map((answer) => answer.json['active'] === true);
  expect(new Set(actives).size).toBe(1);
  return actives[0] === true;
}

/** Sends `count` requests at once, request `i` to process `i mod n`, after opening enough connections to each process. */
async function fanOut(target: RaceTarget, count: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  await Promise.all(Array.from({ length: count }, (_, i) => postTo(target, i, '/introspect', { token: 'warm-up' })));
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/** A client_credentials access token of `tpp-a` for `scope`. */
export async function clientToken(target: RaceTarget, scope: string): Promise<string> {
  const answer = await postTo(target, 0, '/token', { grant_type: 'client_credentials', scope });
  expect(answer.status).toBe(200);
  return String(answer.json['access_token']);
}

/** A staged UK account-access consent of `tpp-a`; resolves its id. */
async function stagedConsent(target: RaceTarget): Promise<string> {
  const response = await undiciFetch(`${target.mtlsUrls[0]}/open-banking/v3.1/aisp/account-access-consents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await clientToken(target, 'accounts')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Data: { Permissions: ['ReadAccountsBasic', 'ReadBalances'] }, Risk: {} }),
    dispatcher: target.agent,
  });
  expect(response.status).toBe(201);
  return String(((await response.json()) as { Data: { ConsentId: string } }).Data.ConsentId);
}

/** The authorization URL of `tpp-a`: plain parameters (STET) or a request object naming a fresh consent (UK OB). */
async function authorizationUrl(target: RaceTarget, challenge: string): Promise<{ url: string; consentId?: string }> {
  const parameters = { client_id: 'tpp-a', redirect_uri: REDIRECT_URI, scope: SCOPES[target.profile], state: randomUUID(), code_challenge: challenge, code_challenge_method: 'S256' };
  if (target.profile === 'stet') return { url: `${target.issuer}/authorize?${new URLSearchParams({ ...parameters, response_type: 'code' }).toString()}` };
  const consentId = await stagedConsent(target);
  const now = Math.floor(Date.now() / 1000);
  const request = await new SignJWT({
    ...parameters,
    iss: 'tpp-a',
    aud: target.issuer,
    nbf: now - 5,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    response_type: 'code id_token',
    nonce: randomUUID(),
    claims: { id_token: { openbanking_intent_id: { value: consentId, essential: true } } },
  })
    .setProtectedHeader({ alg: 'PS256', kid: target.key.kid, typ: 'oauth-authz-req+jwt' })
    .sign(target.key.privateKey);
  return { url: `${target.issuer}/authorize?${new URLSearchParams({ client_id: 'tpp-a', request }).toString()}`, consentId };
}

/** A fresh authorization code of `tpp-a` (the PSU goes through the pages), its verifier and, in UK OB, its consent. */
export async function authorisedCode(target: RaceTarget): Promise<{ code: string; verifier: string; consentId?: string }> {
  const { verifier, challenge } = await pkcePair();
  const { url, consentId } = await authorizationUrl(target, challenge);
  target.psu.clearCookies();
  const location = new URL(await authorizeAsPsu(target.psu, url));
  const code = (location.hash.length > 1 ? new URLSearchParams(location.hash.slice(1)) : location.searchParams).get('code');
  if (code === null) throw new Error(`no code in ${location.toString()}`);
  return { code, verifier, ...(consentId === undefined ? {} : { consentId }) };
}

const redemption = (code: string, verifier: string) => ({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });

/** A fresh refresh token of `tpp-a` (and its consent in UK OB). */
export async function authorisedRefreshToken(target: RaceTarget): Promise<{ refreshToken: string; consentId?: string }> {
  const { code, verifier, consentId } = await authorisedCode(target);
  const answer = await postTo(target, 0, '/token', redemption(code, verifier));
  expect(answer.status).toBe(200);
  return { refreshToken: String(answer.json['refresh_token']), ...(consentId === undefined ? {} : { consentId }) };
}

/** What one race measured. */
export interface RaceReport {
  readonly requests: number;
  readonly successes: number;
  readonly milliseconds: number;
  readonly [detail: string]: number | boolean;
}

async function timed(count: number, run: () => Promise<Answer[]>): Promise<{ answers: Answer[]; milliseconds: number }> {
  const started = performance.now();
  const answers = await run();
  expect(answers).toHaveLength(count);
  return { answers, milliseconds: Math.round(performance.now() - started) };
}

/**
 * One code redeemed `count` times at once across the processes: exactly one 200, every other answer invalid_grant, and
 * the winner's tokens revoked by the replays (RFC 6749 §4.1.2, RFC 9700 §4.2.4).
 */
export async function codeRedemptionRace(target: RaceTarget, count: number): Promise<RaceReport> {
  const { code, verifier } = await authorisedCode(target);
  const { answers, milliseconds } = await timed(count, () => fanOut(target, count, (i) => postTo(target, i, '/token', redemption(code, verifier))));
  const winners = answers.filter((answer) => answer.status === 200);
  expect(winners).toHaveLength(1);
  expect(answers.filter((answer) => answer.status === 400 && answer.json['error'] === 'invalid_grant')).toHaveLength(count - 1);
  const winner = winners[0]?.json ?? {};
  const tokens = [winner['access_token'], winner['refresh_token']];
  for (const token of tokens) expect(typeof token).toBe('string');
  for (const token of tokens) expect(await isActive(target, String(token))).toBe(false);
  return { requests: count, successes: 1, milliseconds };
}

/**
 * Whether the refresh tokens among `issued` leave at most one live lineage, and exactly one unless reuse detection
 * revoked the grant: by introspection, then by using each once (only the live one may work).
 */
async function liveLineages(target: RaceTarget, issued: readonly string[]): Promise<number> {
  const live: string[] = [];
  for (const token of issued) if (await isActive(target, token)) live.push(token);
  const usable: string[] = [];
  for (const [i, token] of issued.entries()) if ((await postTo(target, i, '/token', { grant_type: 'refresh_token', refresh_token: token })).status === 200) usable.push(token);
  expect(usable).toEqual(live);
  return live.length;
}

const REUSE = /the grant is revoked$/;
const reuseDetected = (answers: readonly Answer[]) => answers.some((answer) => REUSE.test(String(answer.json['error_description'])));

/**
 * How the refused refreshes of a race were refused: lost races (no harm done), replays that revoked the grant, and
 * requests that found the grant already revoked by such a replay.
 */
function refusals(answers: readonly Answer[]): Record<'lostRaces' | 'takenForReplays' | 'foundGrantRevoked', number> {
  const described = (pattern: RegExp) => answers.filter((answer) => pattern.test(String(answer.json['error_description']))).length;
  return { lostRaces: described(/The refresh token is no longer valid$/), takenForReplays: described(REUSE), foundGrantRevoked: described(/(The authorization behind this grant was revoked or has expired|The refresh token was revoked)$/) };
}

/**
 * One rotating refresh token used `count` times at once without a grace window: exactly one success; the original
 * retired. A request that arrived before the rotation was made lost a race (refused, grant kept); one that the server
 * reached only after the rotation cannot be told from a replay and revokes the grant (RFC 9700 §4.14.2). So one live
 * lineage afterwards, none when reuse detection fired; checked on every returned access and refresh token.
 */
export async function refreshRaceWithoutGrace(target: RaceTarget, count: number): Promise<RaceReport> {
  const { refreshToken } = await authorisedRefreshToken(target);
  const { answers, milliseconds } = await timed(count, () => fanOut(target, count, (i) => postTo(target, i, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken })));
  const winners = answers.filter((answer) => answer.status === 200);
  expect(winners).toHaveLength(1);
  for (const answer of answers) if (answer.status !== 200) expect(answer.json['error']).toBe('invalid_grant');
  const grantRevoked = reuseDetected(answers);
  expect(await isActive(target, refreshToken)).toBe(false);
  expect(await isActive(target, String(winners[0]?.json['access_token']))).toBe(!grantRevoked);
  expect(await liveLineages(target, [String(winners[0]?.json['refresh_token'])])).toBe(grantRevoked ? 0 : 1);
  return { requests: count, successes: 1, milliseconds, ...refusals(answers) };
}

/**
 * The grace rule (docs/configuration.md, `refreshTokens.graceSeconds`; FAPI 2.0 SP §5.3.2.1-10): within the window a
 * retired token works once more and the successor it lost is revoked. `lostFirst`: one refresh answered (its response
 * "lost") before `count` retries race; otherwise `count` first uses race. Never two live lineages: at most two
 * successes, exactly one live refresh token unless reuse detection revoked the grant.
 */
export async function refreshRaceWithGrace(target: RaceTarget, count: number, lostFirst: boolean): Promise<RaceReport> {
  const { refreshToken } = await authorisedRefreshToken(target);
  const refresh = (i: number) => postTo(target, i, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
  const lost = lostFirst ? [await refresh(0)] : [];
  const { answers, milliseconds } = await timed(count, () => fanOut(target, count, refresh));
  const all = [...lost, ...answers];
  const winners = all.filter((answer) => answer.status === 200);
  expect(winners.length).toBeGreaterThanOrEqual(1);
  expect(winners.length).toBeLessThanOrEqual(2);
  for (const answer of all) if (answer.status !== 200) expect(answer.json['error']).toBe('invalid_grant');
  const grantRevoked = reuseDetected(all);
  expect(await isActive(target, refreshToken)).toBe(false);
  let activeAccessTokens = 0;
  for (const winner of winners) if (await isActive(target, String(winner.json['access_token']))) activeAccessTokens += 1;
  const live = await liveLineages(target, winners.map((winner) => String(winner.json['refresh_token'])));
  expect(live).toBe(grantRevoked ? 0 : 1);
  return { requests: all.length, successes: winners.length, milliseconds, ...refusals(all), activeAccessTokens };
}

/** One `private_key_jwt` assertion of `tpp-jwt` sent `count` times at once across the processes: exactly one accepted. */
export async function assertionReplayRace(target: RaceTarget, count: number): Promise<RaceReport> {
  const assertion = await signAssertion(target.key, assertionClaims('tpp-jwt', target.issuer));
  const send = (i: number) => postForm(`${target.mtlsUrls[i % target.mtlsUrls.length]}/token`, target.agent, assertionForm(assertion));
  const { answers, milliseconds } = await timed(count, () => fanOut(target, count, send));
  expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
  const replays = answers.filter((answer) => answer.status === 401 && answer.json['error'] === 'invalid_client');
  expect(replays).toHaveLength(count - 1);
  for (const replay of replays) expect(replay.json['error_description']).toMatch(/The client assertion was already used$/);
  return { requests: count, successes: 1, milliseconds };
}

/**
 * Registers the single-use races of one deployment without a grace window (STET): code redemption, refresh rotation
 * and assertion `jti` replay, `parallel` requests each; `label` prefixes each report line.
 */
export function singleUseRaces(target: () => RaceTarget, parallel: number, label: string): void {
  const report = (race: string, measured: RaceReport) => console.log(`[${label}] ${race}: ${JSON.stringify(measured)}`);

  it(`redeems one code exactly once of ${parallel} parallel attempts, and the replays revoke the winner's tokens`, async () => {
    report('code redemption', await codeRedemptionRace(target(), parallel));
  });

  it(`rotates one refresh token exactly once of ${parallel} parallel attempts, leaving at most one live lineage`, async () => {
    report('refresh without grace', await refreshRaceWithoutGrace(target(), parallel));
  });

  it(`accepts one private_key_jwt assertion exactly once of ${parallel} parallel uses (jti single use)`, async () => {
    report('client assertion replay', await assertionReplayRace(target(), parallel));
  });
}
