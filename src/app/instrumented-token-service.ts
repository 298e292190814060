import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import { extractCredentials } from '../client-auth/presented-credentials.js';
import { OAuthError } from '../errors/oauth-error.js';
import { recovering } from '../shared/recovering.js';
import type { GrantHandler, GrantResult } from '../grants/grant-handler.js';
import type { ObasMetrics } from '../metrics/obas-metrics.js';
import type { TokenService } from './token-service.js';

/**
 * The token service with its outcomes counted: tokens in each successful token response by grant type
 * (`obas_tokens_issued_total`), and refused client authentications by presented method and reason
 * (`obas_client_authentication_failures_total`; a 5xx is the server's failure, not the client's, and is not counted),
 * wherever they happen (token, PAR, revocation, introspection).
 */
export function instrumentTokenService(service: TokenService, metrics: ObasMetrics): TokenService {
  return { ...service, authenticateClient: countedAuthentication(service.authenticateClient, metrics), grants: service.grants.map((grant) => countedGrant(grant, metrics)) };
}

function countedGrant(grant: GrantHandler, metrics: ObasMetrics): GrantHandler {
  // Looked up at its first token: looked up earlier, a grant's series would show tokens it never issues, at zero.
  const count = (tokenType: string): void => metrics.tokensIssued.series(`${grant.grantType} ${tokenType}`, grant.grantType, tokenType).inc();
  // One function for every result (a continuation, not an async wrapper: this runs for every token response).
  const counted = (result: GrantResult): GrantResult => {
    count('access_token');
    if (result.response.refresh_token !== undefined) count('refresh_token');
    if (result.response.id_token !== undefined) count('id_token');
    return result;
  };
  return {
    grantType: grant.grantType,
    parameters: grant.parameters,
    ...(grant.changesNothingBeforeIssuing === true ? { changesNothingBeforeIssuing: true } : {}),
    handle: (context) => grant.handle(context).then(counted),
  };
}

function countedAuthentication(authenticate: AuthenticateClient, metrics: ObasMetrics): AuthenticateClient {
  // As synchronous as `authenticate` (a client authenticated at once stays so: this runs for every token request).
  return (sources, now, options) =>
    recovering(
      () => authenticate(sources, now, options),
      (error) => {
        if (error instanceof OAuthError && error.status < 500) metrics.clientAuthenticationFailures.inc({ method: presentedMethod(sources), reason: error.reason ?? error.code });
        throw error;
      },
    );
}

/** The method the request presented (`none` when it presented none, or an ambiguous mix). */
function presentedMethod(sources: Parameters<AuthenticateClient>[0]): string {
  try {
    return extractCredentials(sources).method;
  } catch {
    return 'none';
  }
}
