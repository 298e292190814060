import type { GrantRecord, RefreshTokenRecord, RefreshTokenRepository } from '../storage/ports.js';
import { newOpaqueToken, newTokenKey } from './token-key.js';

/** What a grant handler asks for. */
export interface RefreshTokenRequest {
  readonly grant: GrantRecord;
  readonly clientId: string;
  readonly scope: string;
  readonly now: Date;
  /** `x5t#S256` the token is bound to: the certificate the client presented. */
  readonly certificateThumbprint?: string;
  /** Issued with a DPoP-bound access token: refreshing needs a DPoP proof (RFC 9449 §5). */
  readonly dpopBound?: boolean;
  /** The token this one replaces by rotation. */
  readonly parentHash?: string;
}

/** An issued refresh token: the string for the client and when it expires. */
export interface IssuedRefreshToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Issues one refresh token and stores it by hash. */
export type IssueRefreshToken = (request: RefreshTokenRequest) => Promise<IssuedRefreshToken>;

/** A refresh token made but not yet stored: the string for the client and the record to store. */
export interface MintedRefreshToken extends IssuedRefreshToken {
  readonly record: RefreshTokenRecord;
}

/** Makes one refresh token without storing it, so a caller can store it inside its own transaction (rotation). */
export type MintRefreshToken = (request: RefreshTokenRequest) => MintedRefreshToken;

/**
 * Refresh tokens (RFC 6749 §1.5, §6): the issue time and 256 random bits ({@link newOpaqueToken}), kept under their
 * {@link newTokenKey} only (issue time, then SHA-256), living `lifetimeSeconds` but never beyond the grant's (the
 * consent's) expiry.
 */
export function createRefreshTokenMinter(lifetimeSeconds: number): MintRefreshToken {
  return (request) => {
    const issuedAtMs = request.now.getTime();
    const token = newOpaqueToken(issuedAtMs);
    const expiresAt = new Date(Math.min(issuedAtMs + lifetimeSeconds * 1000, request.grant.expiresAt.getTime()));
    const record: RefreshTokenRecord = {
      tokenHash: newTokenKey(token, issuedAtMs),
      grantId: request.grant.grantId,
      clientId: request.clientId,
      scope: request.scope,
      issuedAt: request.now,
      expiresAt,
      ...(request.certificateThumbprint === undefined ? {} : { certificateThumbprint: request.certificateThumbprint }),
      ...(request.dpopBound === true ? { dpopBound: true } : {}),
      ...(request.parentHash === undefined ? {} : { parentHash: request.parentHash }),
    };
    return { token, expiresAt, record };
  };
}

/** Issues refresh tokens minted by {@link createRefreshTokenMinter} and stores them by hash. */
export function createRefreshTokenIssuer(lifetimeSeconds: number, tokens: Pick<RefreshTokenRepository, 'insert'>): IssueRefreshToken {
  const mint = createRefreshTokenMinter(lifetimeSeconds);
  return async (request) => {
    const { token, expiresAt, record } = mint(request);
    await tokens.insert(record);
    return { token, expiresAt };
  };
}
