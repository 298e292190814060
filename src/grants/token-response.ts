import { tokenTypeOf, type SenderBinding } from '../tokens/sender-binding.js';
import type { TokenResponse } from './grant-handler.js';
import type { Mutable } from '../shared/mutable.js';

/** The tokens one grant issued, before they become a response. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scope: string;
  readonly refreshToken?: string;
  readonly idToken?: string;
}

/** The refresh and ID tokens of {@link IssuedTokens}, each when issued. */
export const optionalTokens = (refreshToken: string | undefined, idToken: string | undefined): Pick<IssuedTokens, 'refreshToken' | 'idToken'> => ({
  ...(refreshToken === undefined ? {} : { refreshToken }),
  ...(idToken === undefined ? {} : { idToken }),
});

/**
 * The successful token response (RFC 6749 §5.1; OpenID Connect Core §3.1.3.3), the one place it is built: the
 * `token_type` follows the request's sender binding (RFC 9449 §5: `DPoP` for a DPoP-bound access token).
 */
export function tokenResponse(tokens: IssuedTokens, binding: SenderBinding): TokenResponse {
  // Member by member (no spreads): this runs for every token response.
  const response: Mutable<TokenResponse> = {
    access_token: tokens.accessToken,
    token_type: tokenTypeOf(binding),
    expires_in: tokens.expiresIn,
    scope: tokens.scope,
  };
  if (tokens.refreshToken !== undefined) response.refresh_token = tokens.refreshToken;
  if (tokens.idToken !== undefined) response.id_token = tokens.idToken;
  return response;
}
