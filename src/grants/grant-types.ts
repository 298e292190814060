/**
 * The grant types obas implements (RFC 6749 §4.1 `authorization_code`, §4.4 `client_credentials`, §6 `refresh_token`, OpenID CIBA Core §4
 * `urn:openid:params:grant-type:ciba`):
 * what client metadata may register. `app/token-service.ts` wires exactly one handler for each.
 */
export const SUPPORTED_GRANT_TYPES: readonly string[] = ['client_credentials', 'authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba'];
