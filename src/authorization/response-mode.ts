import type { AuthorizationResponseType } from '../protocol/response-types.js';
import type { AuthorizationSettings } from './authorization-settings.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ResponseMode } from './authorization-request.js';

const isHybrid = (responseType: string | undefined) => responseType?.split(' ').includes('id_token') === true;

const unsupported = (description: string) =>
  new OAuthError('unsupported_response_type', description, { reason: 'response_type_unsupported' });

/**
 * The response type and mode of a request under the profile. OAuth 2.0 Multiple Response Types §5: the hybrid
 * `code id_token` answers in the fragment by default and never in the query; `code` in the query. JARM §2.3:
 * `response_mode=jwt` means `query.jwt` for `code` and `fragment.jwt` for the hybrid. FAPI 1.0 Advanced §5.2.2-2:
 * where the profile says so, `code` is accepted only together with JARM.
 */
export function responseTypeAndMode(
  responseType: string | undefined,
  requestedMode: string | undefined,
  settings: AuthorizationSettings,
): { responseType: AuthorizationResponseType; responseMode: ResponseMode } {
  if (responseType === undefined) throw invalidRequest('The response_type parameter is required', 'parameter_missing');
  const offered = settings.responseTypes.find((type) => type === responseType);
  if (offered === undefined) throw unsupported(`response_type must be one of: ${settings.responseTypes.join(', ')}`);
  const hybrid = isHybrid(offered);
  const mode = requestedMode ?? (hybrid ? 'fragment' : 'query');
  const jwt = mode === 'jwt' || mode === 'query.jwt' || mode === 'fragment.jwt';
  if (jwt && !settings.jarm) throw invalidRequest('response_mode=jwt (JARM) is not offered', 'response_type_unsupported');
  if (offered === 'code' && settings.codeRequiresJarm && !jwt) {
    throw unsupported('response_type=code is accepted only with response_mode=jwt; or use code id_token');
  }
  if (mode === 'jwt') return { responseType: offered, responseMode: hybrid ? 'fragment.jwt' : 'query.jwt' };
  if ((mode === 'query' || mode === 'query.jwt') && hybrid) {
    throw invalidRequest('The hybrid response type cannot answer in the query', 'response_type_unsupported');
  }
  if (mode === 'query' || mode === 'fragment' || mode === 'query.jwt' || mode === 'fragment.jwt') {
    return { responseType: offered, responseMode: mode };
  }
  throw invalidRequest('response_mode must be query, fragment or jwt', 'response_type_unsupported');
}

/**
 * The mode in which to report an error about a request whose response type or mode may itself be the problem: the
 * requested one when valid, else the default for what was asked (JARM if asked and offered).
 */
export function errorResponseMode(
  responseType: string | undefined,
  requestedMode: string | undefined,
  settings: AuthorizationSettings,
): ResponseMode {
  try {
    return responseTypeAndMode(responseType, requestedMode, settings).responseMode;
  } catch {
    const jwt = settings.jarm && requestedMode !== undefined && requestedMode.includes('jwt');
    const hybrid = isHybrid(responseType);
    if (jwt) return hybrid ? 'fragment.jwt' : 'query.jwt';
    return hybrid ? 'fragment' : 'query';
  }
}
