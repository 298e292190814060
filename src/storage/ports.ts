/**
 * Repository interfaces (ports). Each storage adapter (SQLite, PostgreSQL) implements all of them and passes the same
 * contract suite (`test/storage/contract.ts`). Every time value is a Date; every state change that must be single-use
 * is one atomic statement, correct across processes sharing one database.
 */
import type { ConsentRecord, ConsentRepository } from './consent-ports.js';
import type { PsuLockoutRepository } from './psu-lockout-ports.js';
import type { BackchannelRequestRepository } from './ciba-ports.js';

export type { ConsentKind, ConsentRecord, ConsentRepository, ConsentStatus, ConsentTransition, UkApiVersion } from './consent-ports.js';
export type { PsuLockoutPolicy, PsuLockoutRecord, PsuLockoutRepository, PsuLockoutState } from './psu-lockout-ports.js';
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
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Clients, keyed by client_id. */
export interface ClientRepository {
  find(clientId: string): Promise<ClientRecord | undefined>;
  /** Inserts or replaces the client with this client_id. */
  save(client: ClientRecord): Promise<void>;
  /**
   * Replaces the client with this client_id only if it still exists; resolves false otherwise. One atomic statement, so
   * an update racing a delete never brings the client back (RFC 7592 §2.2 update after §2.3 delete).
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
}

/** Access tokens. */
export interface AccessTokenRepository {
  insert(token: AccessTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;
  /** Marks the token revoked if it belongs to `clientId`; resolves true when a row changed. Atomic. */
  revoke(tokenHash: string, clientId: string, now: Date): Promise<boolean>;
  /** Revokes every token of a client (client deleted). Resolves the number of tokens revoked. */
  revokeAllOfClient(clientId: string, now: Date): Promise<number>;
  /** Deletes rows that expired before `before`; resolves the count. */
  deleteExpired(before: Date): Promise<number>;
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

/** A pushed authorization request (RFC 9126 §2); looked up by the SHA-256 of its `request_uri`. */
export interface PushedRequestRecord {
  readonly requestUriHash: string;
  readonly clientId: string;
  /** The authorization request parameters, from the form or from the verified request object (objects as JSON). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Whether the parameters came from a signed request object (RFC 9101). */
  readonly signed: boolean;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Pushed authorization requests. */
export interface PushedRequestRepository {
  insert(request: PushedRequestRecord): Promise<void>;
  /**
   * Marks the request used and resolves it, when it exists, was pushed by `clientId`, has not expired at `now` and was
   * never used; otherwise undefined. One atomic statement (RFC 9126 §4, FAPI 2.0: a request_uri is single use).
   */
  consume(requestUriHash: string, clientId: string, now: Date): Promise<PushedRequestRecord | undefined>;
  deleteExpired(before: Date): Promise<number>;
}

/** An authorization code (RFC 6749 §4.1.2), looked up by its SHA-256; everything the token request is checked against. */
export interface AuthorizationCodeRecord {
  readonly codeHash: string;
  readonly clientId: string;
  /** The grant the PSU gave; tokens issued from the code belong to it. */
  readonly grantId: string;
  readonly redirectUri: string;
  /** RFC 7636 S256 `code_challenge`. */
  readonly codeChallenge: string;
  readonly nonce?: string;
  /** RFC 9449 §10 `dpop_jkt` of the authorization request: the token request's DPoP proof must be of this key. */
  readonly dpopKeyThumbprint?: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly consumedAt?: Date;
}

/** Authorization codes. */
export interface AuthorizationCodeRepository {
  insert(code: AuthorizationCodeRecord): Promise<void>;
  /**
   * Marks the code consumed and resolves it, when it exists, belongs to `clientId` and was not
   * consumed yet; otherwise undefined. One atomic `UPDATE … WHERE consumed_at IS NULL RETURNING …`: of any number of
   * concurrent redemptions across processes, exactly one gets the record. Expiry is the caller's check. The code's
   * grant and its consent's state, which the exchange checks next, come with it: read after the update (on SQLite in
   * the same transaction), as {@link GrantRepository.findWithConsent} reads them.
   */
  redeem(codeHash: string, clientId: string, now: Date): Promise<RedeemedCode | undefined>;
  /**
   * The redemption's winner is storing its tokens (the grant's tokens are inactive once it is revoked, so the order of
   * the two does not matter): records it and says whether a replay arrived meanwhile (then the winner revokes the
   * grant itself). One atomic `UPDATE … RETURNING`.
   */
  markAnswered(codeHash: string, now: Date): Promise<{ readonly replayed: boolean }>;
  /**
   * A redemption of a consumed code of `clientId`: records the replay and resolves the code's grant with whether the
   * winner had already answered (then the caller revokes the grant; otherwise the winner will). Undefined when the code
   * is unknown, another client's or not consumed. One atomic `UPDATE … RETURNING`, so of a replay and the winner's
   * answer racing, exactly one sees the other.
   */
  recordReplay(codeHash: string, clientId: string, now: Date): Promise<{ readonly grantId: string; readonly answered: boolean } | undefined>;
  findByHash(codeHash: string): Promise<AuthorizationCodeRecord | undefined>;
  deleteExpired(before: Date): Promise<number>;
}

/** A code just redeemed, and its grant with the consent's state. */
export interface RedeemedCode {
  readonly code: AuthorizationCodeRecord;
  /** Absent when no grant of the code's `grantId` exists. */
  readonly grant?: GrantWithConsent;
}

/** A PSU's authorization of a client: what the consent page recorded; access and refresh tokens point to it. */
export interface GrantRecord {
  readonly grantId: string;
  readonly clientId: string;
  /** The PSU (ID token `sub`). */
  readonly subject: string;
  readonly scope: string;
  /** Ids of the accounts the PSU selected. */
  readonly accounts: readonly string[];
  /** The consent authorised (UK `openbanking_intent_id`); no token of the grant outlives it. */
  readonly intentId?: string;
  /** Authentication context class reached (RFC 9470 `acr`). */
  readonly acr?: string;
  readonly authTime: Date;
  readonly createdAt: Date;
  /** The consent's expiry: no token of the grant outlives it. */
  readonly expiresAt: Date;
  readonly revokedAt?: Date;
}

/** What a token request checks of the consent behind a grant: which consent it is and whether it still holds. */
export type ConsentState = Pick<ConsentRecord, 'consentId' | 'kind' | 'status' | 'expiresAt'>;

/** A grant and the state of the consent whose `consentId` is its `intentId`, read together. */
export interface GrantWithConsent {
  readonly grant: GrantRecord;
  /** Absent when the grant has no `intentId` or no consent of that id exists. */
  readonly consent?: ConsentState;
}

/** Grants. */
export interface GrantRepository {
  insert(grant: GrantRecord): Promise<void>;
  find(grantId: string): Promise<GrantRecord | undefined>;
  /**
   * The grant with the state of the consent it authorised (`intentId`), in one read (`grants LEFT JOIN consents`):
   * what every code exchange and refresh checks. Undefined when there is no such grant.
   */
  findWithConsent(grantId: string): Promise<GrantWithConsent | undefined>;
  /**
   * Revokes the grant, then every access token and refresh token issued under it (RFC 7009 §2.1 cascade; RFC 6749
   * §4.1.2 on code replay). Each statement is atomic; token checks also consult the grant, so a token inserted
   * concurrently with the revocation is inactive as well. Resolves true when the grant was live.
   */
  revoke(grantId: string, now: Date): Promise<boolean>;
  /** Revokes every live grant of a client (client deleted), then their refresh and access tokens. Resolves the count. */
  revokeAllOfClient(clientId: string, now: Date): Promise<number>;
  /** Revokes every live grant of a consent (consent revoked or expired), then their tokens. Resolves the count. */
  revokeAllOfConsent(consentId: string, now: Date): Promise<number>;
  deleteExpired(before: Date): Promise<number>;
}

/** A refresh token (RFC 6749 §1.5), looked up by a key derived with SHA-256; one grant's tokens form one rotation family. */
export interface RefreshTokenRecord {
  /** `tokenKey` of the token: its issue-time prefix in hex, then the base64url SHA-256 of the token string. */
  readonly tokenHash: string;
  readonly grantId: string;
  readonly clientId: string;
  readonly scope: string;
  /** `x5t#S256` of the certificate the client presented when the token was issued. */
  readonly certificateThumbprint?: string;
  /** Issued with a DPoP-bound access token (RFC 9449 §5): a refresh needs a DPoP proof (of any key) again. */
  readonly dpopBound?: boolean;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** The token this one replaced by rotation. */
  readonly parentHash?: string;
  readonly rotatedAt?: Date;
  /** When the token was used once more inside the grace window after its rotation. */
  readonly graceUsedAt?: Date;
  readonly revokedAt?: Date;
}

/** A refresh token read with its grant and the state of that grant's consent. */
export interface RefreshTokenWithGrant {
  readonly token: RefreshTokenRecord;
  /** Absent when no grant of the token's `grantId` exists. */
  readonly grant?: GrantWithConsent;
}

/** Refresh tokens. */
export interface RefreshTokenRepository {
  insert(token: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * The token with its grant and the grant's consent state, in one read (`refresh_tokens LEFT JOIN grants LEFT JOIN
   * consents`): what every refresh checks. Undefined when there is no such token.
   */
  findWithGrant(tokenHash: string): Promise<RefreshTokenWithGrant | undefined>;
  /**
   * Marks a live token of `clientId` rotated and resolves it; undefined when it is unknown, another
   * client's, revoked or already rotated. One atomic statement, so a token rotates once across processes.
   */
  rotate(tokenHash: string, clientId: string, now: Date): Promise<RefreshTokenRecord | undefined>;
  /**
   * Uses a rotated token's one grace use: resolves it when it is `clientId`'s, not revoked, rotated at or after
   * `rotatedSince`, its grace use is still free and no successor of it has been used (a used successor proves the
   * response was not lost: this is reuse); otherwise undefined. One atomic statement.
   */
  useGrace(tokenHash: string, clientId: string, rotatedSince: Date, now: Date): Promise<RefreshTokenRecord | undefined>;
  /**
   * Revokes the live, never used tokens that replaced `parentHash` (a used one is left alone: it proves reuse); resolves
   * the count. One atomic statement; a revoked token can no longer be rotated.
   */
  revokeUnusedChildren(parentHash: string, now: Date): Promise<number>;
  deleteExpired(before: Date): Promise<number>;
}

/** Where a PSU is in an authorization: log in, pass the second factor, decide, done. */
export type InteractionStage = 'login' | 'second-factor' | 'consent' | 'done';

/** A PSU's authorization in progress (a server-side session), looked up by the SHA-256 of its cookie value. */
export interface InteractionRecord {
  readonly interactionHash: string;
  readonly clientId: string;
  /** The validated authorization request, as JSON. */
  readonly request: Readonly<Record<string, unknown>>;
  readonly stage: InteractionStage;
  /** The PSU, once the password step passed. */
  readonly subject?: string;
  readonly authTime?: Date;
  /** SHA-256 of the one-time code of the second factor. */
  readonly otpHash?: string;
  /**
   * Attempts claimed at the current stage ({@link InteractionRepository.claimAttempt}): failed ones and any still being
   * checked; a passed attempt moves the interaction on to a stage that starts at 0.
   */
  readonly failedAttempts: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** The stage an interaction moves to, with what that step learnt. */
export interface InteractionAdvance {
  readonly stage: InteractionStage;
  readonly subject?: string;
  readonly authTime?: Date;
  readonly otpHash?: string;
}

/** Conditions an {@link InteractionRepository.advance} must still meet in the database, checked in the same statement. */
export interface InteractionGuard {
  /** The one-time code hash the caller verified against must still be the current one. */
  readonly otpHash?: string;
}

/** PSU interactions. */
export interface InteractionRepository {
  insert(interaction: InteractionRecord): Promise<void>;
  /** The interaction, when it exists and has not expired at `now`. */
  find(interactionHash: string, now: Date): Promise<InteractionRecord | undefined>;
  /**
   * Moves a live interaction from stage `from` to `to.stage` (recording what `to` carries; a new stage starts with no
   * failures); resolves false when it is not at `from` any more or has expired. One atomic statement, so a double
   * submission decides once.
   */
  advance(interactionHash: string, from: InteractionStage, to: InteractionAdvance, now: Date, guard?: InteractionGuard): Promise<boolean>;
  /**
   * Claims one attempt at `stage` before its credential is checked: counts it when the live interaction is at `stage`
   * with fewer than `maxAttempts` claimed; resolves the attempt's number (1…`maxAttempts`), or undefined when none is
   * left (or the interaction moved on, ended or expired). One conditional `UPDATE … RETURNING`, so parallel posts get
   * at most `maxAttempts` checks between them, across processes.
   */
  claimAttempt(interactionHash: string, stage: InteractionStage, maxAttempts: number, now: Date): Promise<number | undefined>;
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
