import { FAPI2_PROFILE } from '../../dist/src/config/profiles/fapi2.profile.js';
import { authoriseConsent } from '../../dist/src/consent/consent-decision.js';
import { openStorage } from '../../dist/src/storage/open-storage.js';
import { createRefreshTokenMinter } from '../../dist/src/tokens/refresh-token-issuer.js';
import { timeOrderedUuid } from '../../dist/src/tokens/time-ordered-uuid.js';
import { hashToken, randomHandle } from '../../dist/src/tokens/token-hash.js';
import { codeForm, GRANT_SCOPE, pkcePair, PREPARED_CODE_SECONDS, PSU_ACCOUNTS, PSU_SUBJECT, REDIRECT_URI, refreshForm } from './grant-forms.mjs';

/** Whether obas's fapi2 profile rotates refresh tokens (then each prepared one is used once, and the peer rotates too). */
export const OBAS_ROTATES_REFRESH_TOKENS = FAPI2_PROFILE.refreshTokens.rotate;
/** How long obas's fapi2 profile keeps a refresh token (and its consent): the peer is given the same. */
export const OBAS_REFRESH_SECONDS = FAPI2_PROFILE.lifetimes.refreshToken;

/** Rows written per transaction. */
const BATCH = 2_000;

/**
 * What a PSU's approval leaves in obas's storage (authorization/authorization-decision.ts): the `authorization`
 * consent of the fapi2 profile (obas's own authoriseConsent) and the grant bound to it, its id made of the clock at
 * that moment as obas makes it; then, for `code`, an authorization code with an S256 challenge, stored by hash as obas
 * stores it; for `refresh`, a refresh token bound to the client certificate, minted as the code exchange mints it.
 * Resolves the token request form that uses it.
 */
async function seedOne(repositories, { grant, clientId, thumbprint, now }) {
  const { lifetimes } = FAPI2_PROFILE;
  const decision = { subject: PSU_SUBJECT, accounts: PSU_ACCOUNTS };
  const consent = await authoriseConsent(repositories, { clientId, scope: [GRANT_SCOPE] }, decision, lifetimes.consent, now);
  const grantRecord = {
    grantId: timeOrderedUuid(Date.now()),
    clientId,
    subject: PSU_SUBJECT,
    scope: GRANT_SCOPE,
    accounts: PSU_ACCOUNTS,
    authTime: now,
    createdAt: now,
    expiresAt: consent.expiresAt,
    intentId: consent.consentId,
  };
  await repositories.grants.insert(grantRecord);
  const { grantId } = grantRecord;
  if (grant === 'code') {
    const code = randomHandle(32);
    const { verifier, challenge } = pkcePair();
    await repositories.authorizationCodes.insert({
      codeHash: hashToken(code),
      clientId,
      grantId,
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + PREPARED_CODE_SECONDS * 1000),
    });
    return codeForm(clientId, code, verifier);
  }
  const mint = createRefreshTokenMinter(lifetimes.refreshToken);
  const { token, record } = mint({ grant: grantRecord, clientId, scope: GRANT_SCOPE, now, certificateThumbprint: thumbprint });
  await repositories.refreshTokens.insert(record);
  return refreshForm(clientId, token);
}

/**
 * Writes `count` approved grants with a code (`grant: 'code'`) or a refresh token (`grant: 'refresh'`) through obas's
 * storage layer (dist/src/storage, migrating the database first) into the database obas is about to start on, in
 * transactions of BATCH rows, and resolves their token request forms in order.
 */
export async function seedObasGrants({ grant, count, sqliteFile, databaseUrl, clientId, thumbprint }) {
  const storage = await openStorage({ sqliteFile, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
  const now = new Date();
  const forms = [];
  try {
    for (let first = 0; first < count; first += BATCH) {
      const last = Math.min(count, first + BATCH);
      await storage.withTransaction(async (repositories) => {
        for (let index = first; index < last; index += 1) forms.push(await seedOne(repositories, { grant, clientId, thumbprint, now }));
      });
    }
  } finally {
    await storage.close();
  }
  return forms;
}
