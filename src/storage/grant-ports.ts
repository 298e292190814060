/**
 * The ports of PSU grants (see `ports.ts` for the rest of the storage ports and `Storage`): authorization codes, the
 * grants they lead to and the refresh tokens those grants earn; each state change is one atomic statement.
 */
import type { ConsentRecord } from './consent-ports.js';

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
   * A redemption of a consumed code of `clientId`: records the replay (`replayed_at`, kept from the first) and resolves
   * the code's grant, which the caller revokes. Undefined when the code is unknown, another client's or not consumed.
   * One atomic `UPDATE … RETURNING`.
   */
  recordReplay(codeHash: string, clientId: string, now: Date): Promise<{ readonly grantId: string } | undefined>;
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
   * Revokes the grant, then every refresh token issued under it; which deactivates every token issued under it (RFC
   * 7009 §2.1 cascade; RFC 6749 §4.1.2 on code replay): each check of an access token consults its grant
   * (`src/tokens/token-lookup.ts`), so access token rows are not rewritten, and a token inserted concurrently with the
   * revocation is inactive as well. Each statement is atomic. Resolves true when the grant was live.
   */
  revoke(grantId: string, now: Date): Promise<boolean>;
  /** Revokes every live grant of a client (client deleted), then their refresh tokens. Resolves the count. */
  revokeAllOfClient(clientId: string, now: Date): Promise<number>;
  /** Revokes every live grant of a consent (consent revoked or expired), then their refresh tokens. Resolves the count. */
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