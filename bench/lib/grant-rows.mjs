import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grantsClient, preparationLine, PREPARED_CODE_SECONDS, REUSED_REFRESH_TOKENS, singleUseCount, writePreparedForms } from './grant-forms.mjs';
import { OBAS_REFRESH_SECONDS, OBAS_ROTATES_REFRESH_TOKENS, seedObasGrants } from './obas-grant-seeds.mjs';

const PREPARED_LOAD = fileURLToPath(new URL('./prepared-load.mjs', import.meta.url));

/**
 * The authorization_code (`grant: 'code'`) and refresh_token (`grant: 'refresh'`) rows: what the scenario factories
 * of scenarios.mjs add to an obas or oidc-provider scenario so that its codes or refresh tokens are prepared before
 * the server is measured, and sent by prepared-load.mjs. Codes are single use; refresh tokens too when obas's fapi2
 * profile rotates them, otherwise a pool of REUSED_REFRESH_TOKENS goes round.
 */

const reused = (grant) => grant === 'refresh' && !OBAS_ROTATES_REFRESH_TOKENS;
const preparedCount = (grant, id, context) => (reused(grant) ? REUSED_REFRESH_TOKENS : singleUseCount(id, context));
const preparedFileOf = (fixtures, id) => join(fixtures.root, `${id}.prepared.json`);

/** The probe options and load settings of a row whose forms are in `preparedFile` (written by writePreparedForms). */
async function preparedWorkload(grant, preparedFile) {
  const { probe } = JSON.parse(await readFile(preparedFile, 'utf8'));
  return { probe: { form: probe, refreshToken: grant === 'code' || OBAS_ROTATES_REFRESH_TOKENS }, load: { preparedFile } };
}

/** What every prepared row shares: the client registered for the grants, the prepared-form load generator. */
const PREPARED_ROW = { client: grantsClient, load: { script: PREPARED_LOAD } };

/**
 * For obasScenario: `prepare` writes the approved grants with their codes or refresh tokens through obas's storage
 * layer into the database obas is about to start on, and resolves the row's probe options and load settings. Reused
 * refresh tokens are written once: later rounds find them in the same database and send them again.
 */
export function obasGrantRow(grant) {
  return {
    ...PREPARED_ROW,
    async prepare({ fixtures, id, sqliteFile, databaseUrl, context }) {
      const file = preparedFileOf(fixtures, id);
      if (reused(grant) && existsSync(file)) return preparedWorkload(grant, file);
      const started = performance.now();
      const count = preparedCount(grant, id, context);
      const forms = await seedObasGrants({ grant, count, sqliteFile, databaseUrl, clientId: fixtures.client.client_id, thumbprint: fixtures.clientThumbprint });
      process.stderr.write(`  ${preparationLine(grant, count, started)}\n`);
      await writePreparedForms(file, forms, reused(grant));
      return preparedWorkload(grant, file);
    },
  };
}

/**
 * For oidcProviderScenario: `peerSettings` tells the peer what to prepare before READY, whether to rotate refresh
 * tokens and how long codes and refresh tokens live, all as obas does; `prepared` resolves the probe options and load
 * settings.
 */
export function oidcProviderGrantRow(grant) {
  return {
    ...PREPARED_ROW,
    peerSettings: (fixtures, id, context) => ({
      grants: {
        grant,
        count: preparedCount(grant, id, context),
        reuse: reused(grant),
        rotate: OBAS_ROTATES_REFRESH_TOKENS,
        codeSeconds: PREPARED_CODE_SECONDS,
        refreshSeconds: OBAS_REFRESH_SECONDS,
        thumbprint: fixtures.clientThumbprint,
        preparedFile: preparedFileOf(fixtures, id),
      },
    }),
    prepared: (fixtures, id) => preparedWorkload(grant, preparedFileOf(fixtures, id)),
  };
}
