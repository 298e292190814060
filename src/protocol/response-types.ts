/** Response types of the authorization endpoint (OAuth 2.0 Multiple Response Type Encoding Practices §3). */
export type AuthorizationResponseType = 'code' | 'code id_token';

/** Response types obas implements at the authorization endpoint. */
export const RESPONSE_TYPES: readonly AuthorizationResponseType[] = ['code', 'code id_token'];
