import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/**
 * What the authorization_code and refresh_token rows share between obas, oidc-provider and the load generator: the
 * client registered for those grants, the token request forms, and the file of prepared forms.
 */

/** The redirect URI the prepared codes were issued for (RFC 6749 §4.1.3: the token request repeats it). */
export const REDIRECT_URI = 'https://tpp.bench.example/callback';
/** The scope of every prepared grant: account access, which earns a refresh token under the fapi2 profile. */
export const GRANT_SCOPE = 'accounts';
/** The PSU and the accounts of every prepared grant. */
export const PSU_SUBJECT = 'bench-psu';
export const PSU_ACCOUNTS = ['bench-account-1'];
/**
 * How long a prepared code stays valid. Both servers issue codes for 60 s; prepared ones must outlive their
 * preparation, the warm-up and the measured seconds, so both are given the same ten minutes.
 */
export const PREPARED_CODE_SECONDS = 600;
/** Distinct refresh tokens prepared when they are not rotated: requests go round them, each used many times. */
export const REUSED_REFRESH_TOKENS = 5_000;

/** The bench client (tls_client_auth, certificate-bound tokens) also registered for the PSU grants. */
export function grantsClient(fixtures) {
  return {
    ...fixtures.client,
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [REDIRECT_URI],
  };
}

/** An RFC 7636 S256 pair: a 43-character verifier and its challenge (§4.1, §4.2). */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

/** RFC 6749 §4.1.3 token request with the PKCE verifier (RFC 7636 §4.5); `client_id` as RFC 8705 §2.1 asks. */
export function codeForm(clientId, code, verifier) {
  const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: clientId };
  return new URLSearchParams(form).toString();
}

/** RFC 6749 §6 refresh request. */
export function refreshForm(clientId, refreshToken) {
  return new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }).toString();
}

/** Prepared values per second of load, against the best rate a row reached in an earlier round. */
const MARGIN_OVER_EARLIER_RATE = 4;

/**
 * How many single-use values row `id` needs for its warm-up and measured seconds: `settings.preparedPerSecond`
 * (BENCH_PREPARED_PER_SECOND, well above what either server redeems on one core) per second, or, once the row was
 * measured in an earlier round (`earlier`: those rows), four times its best valid rate there if that is less (the
 * shared bench machine can run several times faster from one round to the next). Running out invalidates the row
 * (`prepared.exhausted`) rather than sending a code twice.
 */
export function singleUseCount(id, { settings, earlier }) {
  const best = Math.max(0, ...earlier.filter((row) => row.id === id && row.valid).map((row) => row.rate));
  const perSecond = best > 0 ? Math.min(settings.preparedPerSecond, MARGIN_OVER_EARLIER_RATE * best) : settings.preparedPerSecond;
  return Math.ceil(perSecond * (settings.warmupSeconds + settings.seconds));
}

/**
 * Writes the prepared forms for the probe and the load generator (prepared-load.mjs): the last form is the probe's;
 * single-use forms go to the load generator without it, reused ones all of them.
 */
export async function writePreparedForms(file, forms, reuse) {
  const bodies = reuse ? forms : forms.slice(0, -1);
  await writeFile(file, JSON.stringify({ probe: forms.at(-1), bodies, reuse }));
}

/** What a row prepares, in words: `codes` or `refresh tokens`. */
export const preparedNoun = (grant) => (grant === 'code' ? 'codes' : 'refresh tokens');

/** The line that says how long preparing `count` values took (obas's rows print it, the oidc-provider peer writes it). */
export const preparationLine = (grant, count, startedAt) =>
  `prepared ${count} ${preparedNoun(grant)} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

/** Finds {@link preparationLine} in a server's output. */
export const PREPARATION_LINE = /prepared \d+ [a-z ]+ in [\d.]+ s/;
