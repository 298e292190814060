import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { authorizationStorageContract } from './authorization-contract.js';
import { newPostgresTarget, newSqliteTarget } from './storage-targets.js';

describe('authorization storage contract: SQLite', () => {
  authorizationStorageContract(newSqliteTarget);
});

describe.skipIf(!postgresAvailable)('authorization storage contract: PostgreSQL', () => {
  authorizationStorageContract(newPostgresTarget);
});
