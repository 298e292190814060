import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { storageContract } from './contract.js';
import { newPostgresTarget, newSqliteTarget } from './storage-targets.js';

describe('storage contract: SQLite', () => {
  storageContract(newSqliteTarget, { concurrentMigrations: false });
});

describe.skipIf(!postgresAvailable)('storage contract: PostgreSQL', () => {
  storageContract(newPostgresTarget, { concurrentMigrations: true });
});
