import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import { isRecord } from '../shared/is-record.js';

/** UK OB acr value (read/write data API security profile) for strong customer authentication. */
const ACR_SCA = 'urn:openbanking:psd2:sca';
/** UK OB acr value for customer authentication that is not strong (an SCA exemption applied). */
const ACR_CA = 'urn:openbanking:psd2:ca';

/** acr values obas can state, most assured first. Every PSU login here is strong (password and one-time code). */
export const SUPPORTED_ACR_VALUES: readonly string[] = [ACR_SCA, ACR_CA];

/** What the OpenID Connect `claims` and `acr_values` parameters ask for. */
export interface ClaimsRequest {
  readonly intentId?: string;
  /** The acr the ID token will state. */
  readonly acr: string;
}

type ClaimMembers = Readonly<Record<string, { readonly value?: unknown; readonly values?: unknown; readonly essential?: unknown } | null>>;

/**
 * Reads the `claims` parameter (OpenID Connect Core §5.5) and `acr_values` (§3.1.2.1): `openbanking_intent_id` (UK OB,
 * in `id_token` or `userinfo`, by `value`) and the acr requested (§5.5.1.1: `value` or `values`, possibly `essential`).
 * The acr stated is the most assured requested value obas reaches; an essential request it cannot meet is refused.
 */
export function readClaimsRequest(claimsParameter: string | undefined, acrValuesParameter: string | undefined): ClaimsRequest {
  const claims = parseClaims(claimsParameter);
  const members = [claims['id_token'], claims['userinfo']].filter(isRecord) as ClaimMembers[];
  const intentIds = new Set(members.map((member) => member['openbanking_intent_id']?.value).filter((value) => value !== undefined));
  if (intentIds.size > 1) throw invalidRequest('The claims parameter names two different openbanking_intent_id values');
  const [intentId] = [...intentIds];
  if (intentId !== undefined && (typeof intentId !== 'string' || intentId.length === 0 || intentId.length > 128)) {
    throw invalidRequest('openbanking_intent_id must be a string of 1 to 128 characters');
  }
  const acrClaim = isRecord(claims['id_token']) ? (claims['id_token'] as ClaimMembers)['acr'] : undefined;
  const requested = [
    ...(acrValuesParameter?.split(' ') ?? []),
    ...(typeof acrClaim?.value === 'string' ? [acrClaim.value] : []),
    ...(Array.isArray(acrClaim?.values) ? acrClaim.values.filter((value): value is string => typeof value === 'string') : []),
  ].filter((value) => value !== '');
  const acr = chooseAcr(requested, acrClaim?.essential === true);
  return intentId === undefined ? { acr } : { intentId, acr };
}

function parseClaims(parameter: string | undefined): Record<string, unknown> {
  if (parameter === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(parameter);
  } catch {
    throw invalidRequest('The claims parameter is not JSON');
  }
  if (!isRecord(parsed)) throw invalidRequest('The claims parameter must be a JSON object');
  return parsed;
}

function chooseAcr(requested: readonly string[], essential: boolean): string {
  if (requested.length === 0) return ACR_SCA;
  const reachable = SUPPORTED_ACR_VALUES.find((value) => requested.includes(value));
  if (reachable !== undefined) return reachable;
  if (essential) {
    throw new OAuthError('invalid_request', 'None of the essential acr values can be satisfied', { reason: 'acr_unsupported' });
  }
  return ACR_SCA;
}
