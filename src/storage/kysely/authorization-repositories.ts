import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import type { Storage, TransactionalRepositories } from '../ports.js';
import { KyselyConsentRepository } from './kysely-consents.repository.js';
import { KyselyAuthorizationCodeRepository } from './kysely-authorization-codes.repository.js';
import { KyselyBackchannelRequestRepository } from './kysely-backchannel-requests.repository.js';
import { KyselyGrantRepository } from './kysely-grants.repository.js';
import { KyselyInteractionRepository } from './kysely-interactions.repository.js';
import { KyselyPsuLockoutRepository } from './kysely-psu-lockouts.repository.js';
import { KyselyPushedRequestRepository } from './kysely-pushed-requests.repository.js';
import { KyselyRefreshTokenRepository } from './kysely-refresh-tokens.repository.js';

/** The PSU authorization repositories of a Storage, written once with Kysely for SQLite and PostgreSQL. */
export type AuthorizationRepositories = Pick<
  Storage,
  'pushedRequests' | 'authorizationCodes' | 'grants' | 'refreshTokens' | 'interactions' | 'consents' | 'psuLockouts'
>;

/** Builds the PSU authorization repositories over one Kysely instance. */
export function authorizationRepositories(db: Kysely<ObasDatabase>): AuthorizationRepositories {
  return {
    pushedRequests: new KyselyPushedRequestRepository(db),
    authorizationCodes: new KyselyAuthorizationCodeRepository(db),
    grants: new KyselyGrantRepository(db),
    refreshTokens: new KyselyRefreshTokenRepository(db),
    interactions: new KyselyInteractionRepository(db),
    consents: new KyselyConsentRepository(db),
    psuLockouts: new KyselyPsuLockoutRepository(db),
  };
}

/** The repositories a transaction's unit of work uses, over the transaction's Kysely instance. */
export function transactionalRepositories(trx: Kysely<ObasDatabase>): TransactionalRepositories {
  return {
    consents: new KyselyConsentRepository(trx),
    grants: new KyselyGrantRepository(trx),
    authorizationCodes: new KyselyAuthorizationCodeRepository(trx),
    interactions: new KyselyInteractionRepository(trx),
    refreshTokens: new KyselyRefreshTokenRepository(trx),
    backchannelRequests: new KyselyBackchannelRequestRepository(trx),
  };
}
