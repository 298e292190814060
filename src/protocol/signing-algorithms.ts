/** JWS algorithms obas signs and accepts (FAPI: PS256, ES256). */
export type SigningAlg = 'PS256' | 'ES256';

/** JWS algorithms obas signs with and accepts: the RSA and EC ones FAPI 2.0 Security Profile §5.4 allows. */
export const SIGNING_ALGS: readonly SigningAlg[] = ['PS256', 'ES256'];
