import type { Migration, MigrationProvider } from 'kysely';
import { initialSchemaMigration } from './0001-initial-schema.migration.js';
import { authorizationMigration } from './0003-authorization.migration.js';
import { consentsMigration } from './0004-consents.migration.js';
import { codeAnswersMigration } from './0005-code-answers.migration.js';
import { psuLockoutsMigration } from './0006-psu-lockouts.migration.js';
import { dpopMigration } from './0007-dpop.migration.js';
import { cibaMigration } from './0008-ciba.migration.js';
import { dpopRefreshMigration } from './0009-dpop-refresh.migration.js';
import { partialTokenIndexesMigration } from './0010-partial-token-indexes.migration.js';
import { accessTokensWithoutGrantIndexMigration } from './0011-access-tokens-without-grant-index.migration.js';
import { accessTokenExpiryByKeyMigration } from './0012-access-token-expiry-by-key.migration.js';
import { accessTokensWithoutClientIndexMigration } from './0013-access-tokens-without-client-index.migration.js';
import { accessTokenClientIncarnationMigration } from './0014-access-token-client-incarnation.migration.js';
import { accessTokensWithoutRowidMigration } from './0015-access-tokens-without-rowid.migration.js';

/**
 * Every obas migration, by name. Names sort in application order (`NNNN-name`); a new migration gets the next number
 * and is added here. Applied migrations must never change.
 */
const obasMigrations: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchemaMigration,
  '0003-authorization': authorizationMigration,
  '0004-consents': consentsMigration,
  '0005-code-answers': codeAnswersMigration,
  '0006-psu-lockouts': psuLockoutsMigration,
  '0007-dpop': dpopMigration,
  '0008-ciba': cibaMigration,
  '0009-dpop-refresh': dpopRefreshMigration,
  '0010-partial-token-indexes': partialTokenIndexesMigration,
  '0011-access-tokens-without-grant-index': accessTokensWithoutGrantIndexMigration,
  '0012-access-token-expiry-by-key': accessTokenExpiryByKeyMigration,
  '0013-access-tokens-without-client-index': accessTokensWithoutClientIndexMigration,
  '0014-access-token-client-incarnation': accessTokenClientIncarnationMigration,
  '0015-access-tokens-without-rowid': accessTokensWithoutRowidMigration,
};

/** Kysely migration provider over {@link obasMigrations} (in code, so the build needs no migration folder). */
export const obasMigrationProvider: MigrationProvider = {
  getMigrations: async () => obasMigrations,
};
