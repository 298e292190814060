import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { Mutable } from '../shared/mutable.js';
import type { AccessTokenRecord, AccessTokenRepository } from '../storage/ports.js';
import { signAtEndOfTurn } from './end-of-turn-signing.js';
import { signJws } from './jws-signer.js';
import type { KeyStore } from './key-store.js';
import { newTokenKey, newJwtId, newOpaqueToken } from './token-key.js';
import { accessTokenBinding, type SenderBinding } from './sender-binding.js';

/** Configuration slice for access tokens. */
export interface AccessTokenSettings {
  readonly issuer: string;
  /** `aud` of JWT access tokens (RFC 9068 §2.2): the resource servers' identifier. */
  readonly audience: string;
  readonly format: 'opaque' | 'jwt';
  readonly signingAlg: SigningAlg;
  readonly lifetimeSeconds: number;
}

/** What a grant asks the issuer for. */
export interface AccessTokenRequest {
  readonly clientId: string;
  /** `createdAt` of the client record the request was authenticated on: the token belongs to that client, not to a later one with its client_id. */
  readonly clientCreatedAt: Date;
  readonly scope: string;
  readonly now: Date;
  readonly subject?: string;
  readonly certificateThumbprint?: string;
  /** RFC 9449 §6.1 `jkt` of the DPoP key; when set the token is DPoP-bound and `certificateThumbprint` is not used. */
  readonly dpopKeyThumbprint?: string;
  readonly grantId?: string;
  /** The consent the grant is bound to; JWT access tokens state it as `openbanking_intent_id`. */
  readonly consentId?: string;
  /** The token never outlives this instant (the consent behind a PSU's grant). */
  readonly notAfter?: Date;
  /**
   * The `updatedAt` of the client record the request was authorised on, when that record was recalled rather than
   * read: the token is stored only if the client's row is still that version, else {@link StaleClientRecord} is thrown.
   */
  readonly clientVersion?: Date;
}

/**
 * Thrown by the issuer when a request authorised on a recalled client record finds, at its token insert, that the
 * client changed or is gone: nothing was stored, and the token endpoint runs the request again on the stored record.
 * It never leaves the token endpoint.
 */
export class StaleClientRecord extends Error {
  constructor(clientId: string) {
    super(`The client ${clientId} changed since this process last read it`);
    this.name = 'StaleClientRecord';
  }
}

/** An issued access token: the string for the client and the record that was stored. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly record: AccessTokenRecord;
}

/** Issues one access token and stores it by hash. */
export type IssueAccessToken = (request: AccessTokenRequest) => Promise<IssuedAccessToken>;

/**
 * Issues access tokens: opaque (256 random bits after a time prefix) or JWT (RFC 9068 `at+jwt`, PS256/ES256); both carry or imply
 * one `cnf` binding — the DPoP key's `jkt` (RFC 9449 §6) when there is one, else the certificate's `x5t#S256` (RFC 8705
 * §3.1) — and both are stored by SHA-256 so that revocation and introspection treat them alike. JWTs are signed at the
 * end of the event-loop turn, in a run with the others of that turn ({@link signAtEndOfTurn}).
 */
export function createAccessTokenIssuer(
  settings: AccessTokenSettings,
  keys: KeyStore,
  tokens: AccessTokenRepository,
): IssueAccessToken {
  // No async functions: a promise continuation each, as this runs for every token issued.
  return (request) => {
    const issuedAt = Math.floor(request.now.getTime() / 1000);
    const cap = request.notAfter === undefined ? Infinity : Math.floor(request.notAfter.getTime() / 1000);
    const expiresAt = Math.min(issuedAt + settings.lifetimeSeconds, cap);
    const binding = accessTokenBinding(request);
    if (settings.format === 'opaque') return stored(request, newOpaqueToken(request.now.getTime()), issuedAt, expiresAt, binding);
    const cnf = confirmation(binding.dpopKeyThumbprint, binding.certificateThumbprint);
    return signAtEndOfTurn(() => signedToken(request, issuedAt, expiresAt, cnf)).then((token) => stored(request, token, issuedAt, expiresAt, binding));
  };

  /** Stores the token by its key; resolves it once stored, or rejects with {@link StaleClientRecord}. */
  function stored(
    request: AccessTokenRequest,
    token: string,
    issuedAt: number,
    expiresAt: number,
    { certificateThumbprint, dpopKeyThumbprint }: SenderBinding,
  ): Promise<IssuedAccessToken> {
    // Member by member (no spreads): this runs for every token issued.
    const record: Mutable<AccessTokenRecord> = {
      tokenHash: newTokenKey(token, request.now.getTime()),
      clientId: request.clientId,
      scope: request.scope,
      format: settings.format,
      issuedAt: new Date(issuedAt * 1000),
      expiresAt: new Date(expiresAt * 1000),
      clientCreatedAt: request.clientCreatedAt,
    };
    if (certificateThumbprint !== undefined) record.certificateThumbprint = certificateThumbprint;
    if (dpopKeyThumbprint !== undefined) record.dpopKeyThumbprint = dpopKeyThumbprint;
    if (request.subject !== undefined) record.subject = request.subject;
    if (request.grantId !== undefined) record.grantId = request.grantId;
    const issued: IssuedAccessToken = { token, expiresIn: expiresAt - issuedAt, record };
    if (request.clientVersion === undefined) return tokens.insert(record).then(() => issued);
    return tokens.insertIfClientUnchanged(record, request.clientVersion).then((inserted) => {
      if (!inserted) throw new StaleClientRecord(request.clientId);
      return issued;
    });
  }

  function signedToken(request: AccessTokenRequest, issuedAt: number, expiresAt: number, cnf: Record<string, string> | undefined): string {
    const payload: Record<string, unknown> = {
      iss: settings.issuer,
      sub: request.subject ?? request.clientId,
      aud: settings.audience,
      exp: expiresAt,
      iat: issuedAt,
      jti: newJwtId(request.now.getTime()),
      client_id: request.clientId,
      scope: request.scope,
    };
    if (request.consentId !== undefined) payload['openbanking_intent_id'] = request.consentId;
    if (cnf !== undefined) payload['cnf'] = cnf;
    return signJws(keys.activeKey(settings.signingAlg), { typ: 'at+jwt' }, payload);
  }
}

/** The JWT's `cnf` claim: the DPoP key's `jkt` when there is one, else the certificate's `x5t#S256`, else none. */
function confirmation(dpopKeyThumbprint: string | undefined, certificateThumbprint: string | undefined): Record<string, string> | undefined {
  if (dpopKeyThumbprint !== undefined) return { jkt: dpopKeyThumbprint };
  return certificateThumbprint === undefined ? undefined : { 'x5t#S256': certificateThumbprint };
}
