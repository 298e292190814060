import type { AuthorizationResponseType } from '../protocol/response-types.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';

/** Knobs of PSU authorization: the FAPI 1.0 Advanced / FAPI 2.0 / STET differences. */
export interface AuthorizationSettings {
  readonly responseTypes: readonly AuthorizationResponseType[];
  /** Whether `response_mode=jwt` (JARM) is offered. */
  readonly jarm: boolean;
  /** FAPI 1.0 Advanced §5.2.2-2: `response_type=code` only together with `response_mode=jwt`. */
  readonly codeRequiresJarm: boolean;
  /** FAPI 2.0 Security Profile §5.3.1.2-2: authorization requests only through PAR (RFC 9126). */
  readonly requirePushedRequests: boolean;
  /** FAPI 1.0 Advanced §5.2.2-1: authorization requests only as signed request objects (RFC 9101). */
  readonly requireSignedRequestObject: boolean;
  /** `alg` of ID tokens and JARM responses. */
  readonly idTokenSigningAlg: SigningAlg;
}
