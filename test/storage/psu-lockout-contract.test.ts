import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { psuLockoutStorageContract } from './psu-lockout-contract.js';
import { newPostgresTarget, newSqliteTarget } from './storage-targets.js';

describe('PSU lockout storage contract: SQLite', () => {
  psuLockoutStorageContract(newSqliteTarget);
});

describe.skipIf(!postgresAvailable)('PSU lockout storage contract: PostgreSQL', () => {
  psuLockoutStorageContract(newPostgresTarget);
});
