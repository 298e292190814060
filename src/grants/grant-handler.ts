import type { AuthenticatedClient } from '../client-auth/client-authenticator.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import type { SenderBinding, TokenType } from '../tokens/sender-binding.js';

/** What a grant handler receives: the authenticated client and only the parameters it declared. */
export interface GrantContext {
  readonly client: AuthenticatedClient;
  /** The request's form filtered to the handler's {@link GrantHandler.parameters}. */
  readonly parameters: FormParameters;
  /** What the request's tokens are bound to, decided once by the token endpoint. */
  readonly binding: SenderBinding;
  readonly now: Date;
}

/** A successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: TokenType;
  readonly expires_in: number;
  readonly scope?: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
}

/**
 * What a grant handler answers: the token response, and for the request's audit trail the PSU and consent the tokens
 * act for (absent for a client's own tokens).
 */
export interface GrantResult {
  readonly response: TokenResponse;
  readonly subject?: string;
  readonly consentId?: string;
}

/**
 * One `grant_type` (DESIGN.md "One grant = one file"). The registry dispatches by `grantType`; a handler is only
 * called for its own grant type and never answers "not mine".
 */
export interface GrantHandler {
  readonly grantType: string;
  /** The parameters the handler reads besides client authentication; also the allowlist passed to it. */
  readonly parameters: ReadonlySet<string>;
  /**
   * True when the handler changes no state before it stores its access token (`client_credentials`: no code redeemed,
   * no refresh token rotated), and passes the client's `recalledVersion` on to the access token issuer: the token
   * endpoint may then authenticate on a recalled client record, and run the request again should the insert find the
   * client changed (`StaleClientRecord`).
   */
  readonly changesNothingBeforeIssuing?: true;
  /** Resolves the token response; a refusal rejects, or is thrown at once when found before any I/O. */
  handle(context: GrantContext): Promise<GrantResult>;
}
