/**
 * Repository interfaces (ports). Each storage adapter (SQLite, PostgreSQL) implements all of them and passes the same
 * contract suite (`test/storage/contract.ts`). Every time value is a Date; every state change that must be single-use
 * is one atomic statement, correct across processes sharing one database.
 */
import type { ConsentRepository } from './consent-ports.js';
import type { PsuLockoutRepository } from './psu-lockout-ports.js';
import type { BackchannelRequestRepository } from './ciba-ports.js';
import type { AuthorizationCodeRepository, GrantRepository, RefreshTokenRepository } from './grant-ports.js';
import type { InteractionRepository, PushedRequestRepository } from './interaction-ports.js';

export type { ConsentKind, ConsentRecord, ConsentRepository, ConsentStatus, ConsentTransition, UkApiVersion } from './consent-ports.js';
export type { PsuLockoutPolicy, PsuLockoutRecord, PsuLockoutRepository, PsuLockoutState } from './psu-lockout-ports.js';
export type {
  AuthorizationCodeRecord,
  AuthorizationCodeRepository,
  ConsentState,
  GrantRecord,
  GrantRepository,
  GrantWithConsent,
  RedeemedCode,
  RefreshTokenRecord,
  RefreshTokenRepository,
  RefreshTokenWithGrant,
} from './grant-ports.js';
export type { InteractionAdvance, InteractionGuard, InteractionRecord, InteractionRepository, InteractionStage, PushedRequestRecord, PushedRequestRepository } from './interaction-ports.js';
export type { BackchannelDeliveryMode, BackchannelPing, BackchannelPoll, BackchannelRequestRecord, BackchannelRequestRepository, BackchannelRequestStatus, NewBackchannelRequest } from './ciba-ports.js';

/** RFC 7591 §2 client metadata as stored (JSON object); validated by `registration/client-metadata.ts`. */
export type ClientMetadata = Readonly<Record<string, unknown>> & { readonly client_id: string };

/** A registered client: from the configuration file or from dynamic registration. */
export interface ClientRecord {
  readonly clientId: string;
  readonly metadata: ClientMetadata;
  /** Slow-KDF hash of the client secret (see `client-auth/secret-hash.ts`), for client_secret_* methods. */
  readonly secretHash?: string;
  /** SHA-256 (base64url) of the RFC 7592 registration access token. */
  readonly registrationAccessTokenHash?: string;
  readonly source: 'config' | 'dcr';
  /**
   * When this client was created. It never changes while the client exists (saving or replacing it keeps the stored
   * value): it tells the client from an earlier one with the same client_id, and access tokens name their client by it.
   */
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Clients, keyed by client_id. */
export interface ClientRepository {
  /** The client as stored now: its row version is read every time, so a change made by any process is seen. */
  find(clientId: string): Promise<ClientRecord | undefined>;
  /**
   * The record this process last read with {@link find}, without asking the database: it may be stale, or the client
   * gone. Only for a request that stores what it issues with {@link AccessTokenRepository.insertIfClientUnchanged}
   * and has changed nothing before, so that it can run again on {@link find}'s record when that insert refuses.
   */
  recall(clientId: string): ClientRecord | undefined;
  /** Inserts the client, or replaces the one with this client_id (keeping its `createdAt`). */
  save(client: ClientRecord): Promise<void>;
  /**
   * Replaces the client with this client_id (keeping its `createdAt`) only if it still exists; resolves false otherwise.
   * One atomic statement, so an update racing a delete never brings the client back (RFC 7592 §2.2 update after §2.3
   * delete).
   */
  replace(client: ClientRecord): Promise<boolean>;
  /** Deletes the client; resolves true when it existed. */
  delete(clientId: string): Promise<boolean>;
  list(): Promise<ClientRecord[]>;
}

/** An issued access token; looked up by a key derived from the token string with SHA-256 only. */
export interface AccessTokenRecord {
  /** `tokenKey` of the token: its issue-time prefix in hex (opaque, or a JWT's `jti`), then the base64url SHA-256 of the token string. */
  readonly tokenHash: string;
  readonly clientId: string;
  readonly scope: string;
  readonly format: 'opaque' | 'jwt';
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** RFC 8705 `x5t#S256` of the certificate the token is bound to. */
  readonly certificateThumbprint?: string;
  /** RFC 9449 §6 `cnf.jkt`: RFC 7638 thumbprint of the DPoP key the token is bound to. */
  readonly dpopKeyThumbprint?: string;
  /** Subject (PSU) for user grants; the client for client_credentials. */
  readonly subject?: string;
  /** Grant (authorization) this token belongs to, for cascading revocation. */
  readonly grantId?: string;
  readonly revokedAt?: Date;
  /**
   * `createdAt` of the client record the token was issued to: which client of that client_id it belongs to (one
   * deleted and registered or configured again is another client). Absent on tokens stored before migration 0014.
   */
  readonly clientCreatedAt?: Date;
}

/** Access tokens. */
export interface AccessTokenRepository {
  insert(token: AccessTokenRecord): Promise<void>;
  /**
   * Inserts the token only if its client's row is still the version whose `updated_at` is `clientUpdatedAt`; resolves
   * false, storing nothing, when the client changed or is gone. The check and the insert are one atomic statement.
   */
  insertIfClientUnchanged(token: AccessTokenRecord, clientUpdatedAt: Date): Promise<boolean>;
  findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;
  /** Marks the token revoked if it belongs to `clientId`; resolves true when a row changed. Atomic. */
  revoke(tokenHash: string, clientId: string, now: Date): Promise<boolean>;
  /**
   * Deletes the tokens that expired before `before`; resolves the count. `issuedBefore` bounds the search for tokens
   * keyed by issue time (`token-key-layout.ts`): pass `before` less the longest access-token lifetime, so that every
   * token issued earlier has expired. A token that lives longer still goes only once expired, though it costs every
   * sweep a look until then.
   */
  deleteExpired(before: Date, issuedBefore: Date): Promise<number>;
}

/** Single-use identifiers (`jti` of client assertions, registration requests, SSAs). */
export interface ReplayCacheRepository {
  /**
   * Records `(namespace, id)` until `expiresAt`. Resolves true the first time, false when it was already recorded and
   * not yet expired. One atomic statement (`INSERT … ON CONFLICT DO NOTHING` / expired-row takeover), correct across
   * processes.
   */
  claimOnce(namespace: string, id: string, expiresAt: Date, now: Date): Promise<boolean>;
  deleteExpired(before: Date): Promise<number>;
}

/** The repositories a {@link Storage.withTransaction} unit of work can use: their writes commit or roll back together. */
export type TransactionalRepositories = Pick<Storage, 'consents' | 'grants' | 'authorizationCodes' | 'interactions' | 'refreshTokens' | 'backchannelRequests'>;

/** All repositories of one database, plus its lifecycle. */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  readonly clients: ClientRepository;
  readonly accessTokens: AccessTokenRepository;
  readonly replayCache: ReplayCacheRepository;
  readonly pushedRequests: PushedRequestRepository;
  readonly authorizationCodes: AuthorizationCodeRepository;
  readonly grants: GrantRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly interactions: InteractionRepository;
  readonly consents: ConsentRepository;
  readonly psuLockouts: PsuLockoutRepository;
  readonly backchannelRequests: BackchannelRequestRepository;
  /**
   * Runs `work` in one database transaction over {@link TransactionalRepositories}: every write commits, or none does
   * (the promise rejects). Work must not call repositories outside `work`'s argument while it runs.
   */
  withTransaction<T>(work: (repositories: TransactionalRepositories) => Promise<T>): Promise<T>;
  /** Applies pending migrations; idempotent and safe when several processes start at once. */
  migrate(): Promise<string[]>;
  /**
   * Runs a trivial query (`SELECT 1`): resolves when the database answered within `timeoutMs`, rejects otherwise
   * (unreachable, failing, or too slow). What readiness (`/readyz`) asks.
   */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
