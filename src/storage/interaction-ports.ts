/**
 * The ports of a PSU authorization in progress (see `ports.ts` for the rest of the storage ports and `Storage`):
 * pushed authorization requests and the interactions (server-side sessions) of the PSU pages.
 */

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
