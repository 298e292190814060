import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { consentStorageContract } from './consent-contract.js';
import { newPostgresTarget, newSqliteTarget } from './storage-targets.js';

describe('consent storage contract: SQLite', () => {
  consentStorageContract(newSqliteTarget);
});

describe.skipIf(!postgresAvailable)('consent storage contract: PostgreSQL', () => {
  consentStorageContract(newPostgresTarget);
});
