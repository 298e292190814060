import { gotExpected } from '../shared/describe-value.js';
import { RESPONSE_TYPES } from '../protocol/response-types.js';
import type { MetadataRule } from './metadata-rule.js';

/**
 * response_types (RFC 7591 §2, OpenID Connect Registration §2): distinct response types obas implements (`code`,
 * `code id_token`); omitted means `["code"]`. RFC 7591 §2.1: they need the `authorization_code` grant.
 */
export const responseTypesRule: MetadataRule = (rule) => {
  const value = rule.input['response_types'];
  if (value === undefined) return;
  const expected = `a non-empty list of distinct response types from ${RESPONSE_TYPES.join(', ')}`;
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    new Set(value).size === value.length &&
    value.every((item) => RESPONSE_TYPES.includes(item as (typeof RESPONSE_TYPES)[number]));
  if (!valid) {
    rule.problems.push({ field: 'response_types', message: gotExpected(value, expected) });
    return;
  }
  const grants = rule.input['grant_types'] ?? ['authorization_code'];
  if (!Array.isArray(grants) || !grants.includes('authorization_code')) {
    rule.problems.push({ field: 'response_types', message: gotExpected(value, 'nothing unless grant_types includes authorization_code (RFC 7591 §2.1)') });
    return;
  }
  rule.output['response_types'] = [...(value as string[])];
};
