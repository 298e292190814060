import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import type { Storage } from '../ports.js';
import { KyselyAuthorizationCodeRepository } from './kysely-authorization-codes.repository.js';
import { KyselyGrantRepository } from './kysely-grants.repository.js';
import { KyselyIntentRepository } from './kysely-intents.repository.js';
import { KyselyInteractionRepository } from './kysely-interactions.repository.js';
import { KyselyPushedRequestRepository } from './kysely-pushed-requests.repository.js';
import { KyselyRefreshTokenRepository } from './kysely-refresh-tokens.repository.js';

/** The PSU authorization repositories of a Storage, written once with Kysely for SQLite and PostgreSQL. */
export type AuthorizationRepositories = Pick<
  Storage,
  'pushedRequests' | 'authorizationCodes' | 'grants' | 'refreshTokens' | 'interactions' | 'intents'
>;

/** Builds the PSU authorization repositories over one Kysely instance. */
export function authorizationRepositories(db: Kysely<ObasDatabase>): AuthorizationRepositories {
  return {
    pushedRequests: new KyselyPushedRequestRepository(db),
    authorizationCodes: new KyselyAuthorizationCodeRepository(db),
    grants: new KyselyGrantRepository(db),
    refreshTokens: new KyselyRefreshTokenRepository(db),
    interactions: new KyselyInteractionRepository(db),
    intents: new KyselyIntentRepository(db),
  };
}
