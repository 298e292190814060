import type { AuthorizationSettings } from './authorization-settings.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { type MetadataAddition } from '../protocol/metadata-addition.js';
import { LANGUAGES } from '../protocol/language.js';
import { SUPPORTED_ACR_VALUES } from './claims-request.js';

/** What discovery says about PSU authorization. */
export interface AuthorizationMetadataSettings {
  readonly issuer: string;
  readonly mtlsBaseUrl: string;
  readonly settings: AuthorizationSettings;
}

/** The response modes the profile accepts (see `response-mode.ts`). */
function responseModesOf(settings: AuthorizationSettings): string[] {
  const code = settings.responseTypes.includes('code');
  const hybrid = settings.responseTypes.includes('code id_token');
  const plainCode = code && !settings.codeRequiresJarm;
  return [
    ...(plainCode ? ['query'] : []),
    ...(plainCode || hybrid ? ['fragment'] : []),
    ...(settings.jarm ? ['jwt', ...(code ? ['query.jwt'] : []), 'fragment.jwt'] : []),
  ];
}

/**
 * PSU authorization metadata (RFC 8414 §2, OpenID Connect Discovery §3, RFC 9126 §5, RFC 9101 §10, RFC 9207 §3, JARM
 * §4, RFC 7636 §6.2): only what the profile runs. PAR lives on the mTLS listener and is published as an alias too.
 * `request_uri_parameter_supported` is false: obas never fetches request objects from client URLs; its request URIs
 * come from PAR.
 */
export function authorizationMetadata(options: AuthorizationMetadataSettings): MetadataAddition {
  const { settings } = options;
  const par = `${options.mtlsBaseUrl}${ENDPOINT_PATHS.pushedAuthorizationRequest}`;
  const alg = [settings.idTokenSigningAlg];
  return {
    metadata: {
      authorization_endpoint: `${options.issuer}${ENDPOINT_PATHS.authorization}`,
      pushed_authorization_request_endpoint: par,
      require_pushed_authorization_requests: settings.requirePushedRequests,
      response_types_supported: [...settings.responseTypes],
      response_modes_supported: responseModesOf(settings),
      code_challenge_methods_supported: ['S256'],
      request_parameter_supported: true,
      request_uri_parameter_supported: false,
      require_signed_request_object: settings.requireSignedRequestObject,
      request_object_signing_alg_values_supported: ['PS256', 'ES256'],
      id_token_signing_alg_values_supported: alg,
      ...(settings.jarm ? { authorization_signing_alg_values_supported: alg } : {}),
      subject_types_supported: ['public'],
      claims_parameter_supported: true,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'openbanking_intent_id', 'at_hash', 'c_hash', 's_hash'],
      acr_values_supported: [...SUPPORTED_ACR_VALUES],
      authorization_response_iss_parameter_supported: true,
      ui_locales_supported: [...LANGUAGES],
    },
    mtlsAliases: { pushed_authorization_request_endpoint: par },
  };
}
