/** What went wrong when jose verified a JWT, in the terms obas reports. */
export type JoseFailureKind = 'expired' | 'claim' | 'malformed' | 'signature';

/**
 * Classifies a jose `jwtVerify` error by its code: `exp` passed (`ERR_JWT_EXPIRED`), another time or claim check
 * failed (`nbf` in the future, a claim of the wrong type), not a well-formed JWS/JWT, or anything else about the
 * signature and key. `detail` (code and message) is for logs only.
 */
export function joseFailure(error: unknown): { readonly kind: JoseFailureKind; readonly detail: string } {
  const code = (error as { code?: string } | null)?.code ?? '';
  const detail = `${code}: ${(error as Error | null)?.message ?? String(error)}`;
  if (code === 'ERR_JWT_EXPIRED') return { kind: 'expired', detail };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { kind: 'claim', detail };
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return { kind: 'malformed', detail };
  return { kind: 'signature', detail };
}
