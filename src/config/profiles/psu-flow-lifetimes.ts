import type { TokenLifetimes } from '../../tokens/token-lifetimes.js';

const DAY_SECONDS = 86_400;

/**
 * The PSU authorization lifetimes of the shipped profiles: a code lives 60 s and a `request_uri` 60 s (RFC 6749 §4.1.2
 * "maximum … of 10 minutes", FAPI 2.0 SP: `expires_in` < 600), an ID token 5 minutes, a PSU 10 minutes to log in and
 * decide; refresh tokens and the consent last `consentDays` (PSD2 RTS Art. 10a: 90 days, 180 since 2023).
 */
export function psuFlowLifetimes(consentDays: number): Omit<TokenLifetimes, 'accessToken' | 'clientAssertionMaxAge'> {
  return {
    authorizationCode: 60,
    requestUri: 60,
    idToken: 300,
    refreshToken: consentDays * DAY_SECONDS,
    consent: consentDays * DAY_SECONDS,
    interaction: 600,
  };
}
