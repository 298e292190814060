import { verifierMatches } from '../authorization/pkce.js';
import { optionalParameter, requiredParameter } from '../protocol/form-fields.js';
import { invalidDpopProof, invalidGrant, invalidRequest } from '../errors/error-factories.js';
import type { AuthorizationCodeRepository, GrantRepository } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import type { GrantHandler } from './grant-handler.js';
import { checkLive, consentOf, type GrantTokenIssuers } from './grant-tokens.js';
import { issuePsuGrantTokens } from './psu-grant-tokens.js';
import { tokenResponse } from './token-response.js';

/**
 * `authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5–4.6, OpenID Connect Core §3.1.3): the code is redeemed in one
 * atomic statement, so it works once across processes; it must be the client's, unexpired, for the same redirect URI,
 * with the verifier of its S256 challenge. A code used twice is refused and every token issued from it revoked
 * (RFC 6749 §4.1.2, RFC 9700 §4.2.4): the replay revokes the code's grant, and every token of a revoked grant is
 * inactive (token lookup, refresh), whether the winner stored it before or after. A code bound to a DPoP key by
 * `dpop_jkt` (RFC 9449 §10) is only exchanged with a proof of that key. Issues a sender-bound access token (RFC 8705 §3, RFC 9449 §5), a refresh token where
 * the profile and the client's registration call for one, and an ID token for `openid` (with `at_hash`).
 */
export function createAuthorizationCodeGrant(
  codes: AuthorizationCodeRepository,
  grants: GrantRepository,
  issuers: GrantTokenIssuers,
): GrantHandler {
  return {
    grantType: 'authorization_code',
    parameters: new Set(['code', 'redirect_uri', 'code_verifier']),
    async handle({ client, parameters, binding, now }) {
      const { clientId } = client.client;
      const code = requiredParameter(parameters, 'code');
      const redirectUri = requiredParameter(parameters, 'redirect_uri');
      const verifier = optionalParameter(parameters, 'code_verifier');
      if (verifier === undefined) throw invalidRequest('The code_verifier parameter is required (PKCE)', 'pkce_missing');
      const codeHash = hashToken(code);
      const redeemed = await codes.redeem(codeHash, clientId, now);
      if (redeemed === undefined) {
        const replay = await codes.recordReplay(codeHash, clientId, now);
        if (replay !== undefined) {
          await grants.revoke(replay.grantId, now);
          throw invalidGrant('The authorization code was already used; its tokens are revoked', 'code_replayed');
        }
        const unknown = (await codes.findByHash(codeHash)) === undefined;
        throw invalidGrant('The authorization code is invalid', 'code_invalid', { detail: unknown ? 'unknown' : 'another client' });
      }
      const record = redeemed.code;
      if (record.expiresAt <= now) throw invalidGrant('The authorization code has expired', 'code_expired');
      if (record.redirectUri !== redirectUri) throw invalidGrant('redirect_uri differs from the authorization request', 'redirect_uri_mismatch');
      if (!verifierMatches(verifier, record.codeChallenge)) throw invalidGrant('The code_verifier does not match the code_challenge', 'pkce_verifier_mismatch');
      checkDpopKey(record.dpopKeyThumbprint, binding.dpopKeyThumbprint);
      const live = checkLive(redeemed.grant, now);
      const { grant } = live;
      const issued = await issuePsuGrantTokens(issuers, { client: client.client, live, binding, now, ...(record.nonce === undefined ? {} : { nonce: record.nonce }) });
      return { response: tokenResponse(issued, binding), subject: grant.subject, ...consentOf(grant) };
    },
  };
}

/** RFC 9449 §10: a code issued for `dpop_jkt` needs a DPoP proof of that very key at the token endpoint. */
function checkDpopKey(codeKey: string | undefined, proofKey: string | undefined): void {
  if (codeKey === undefined) return;
  if (proofKey === undefined) throw invalidDpopProof('The authorization code is bound to a DPoP key; a DPoP proof is required', 'dpop_proof_missing');
  if (proofKey !== codeKey) throw invalidGrant('The DPoP proof key is not the dpop_jkt of the authorization request', 'dpop_key_mismatch');
}
