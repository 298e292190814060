import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { backchannelRequestStorageContract } from './ciba-contract.js';
import { newPostgresTarget, newSqliteTarget } from './storage-targets.js';

describe('CIBA backchannel request storage contract: SQLite', () => {
  backchannelRequestStorageContract(newSqliteTarget);
});

describe.skipIf(!postgresAvailable)('CIBA backchannel request storage contract: PostgreSQL', () => {
  backchannelRequestStorageContract(newPostgresTarget);
});
