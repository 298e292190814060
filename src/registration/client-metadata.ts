import { isIP } from 'node:net';
import { describeValue, gotExpected } from '../shared/describe-value.js';
import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import { CLIENT_AUTH_METHODS } from '../protocol/client-auth-methods.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import type { ClientMetadata } from '../storage/ports.js';
import { responseTypesRule } from './response-types.rule.js';
import { backchannelMetadataRule } from './backchannel-metadata.rule.js';
import { isHttpsUrl } from '../shared/https-url.js';

export type {
  ClientMetadataContext,
  ClientMetadataProblem,
  ClientMetadataResult,
  MetadataRule,
  MetadataRuleInput,
} from './metadata-rule.js';
import type { ClientMetadataContext, ClientMetadataResult, MetadataRule, MetadataRuleInput } from './metadata-rule.js';
import { isRecord } from '../shared/is-record.js';

/** The RFC 7591 §2 / RFC 8705 §2.1.2, §3.4 metadata fields obas keeps; anything else is dropped. */
export const CLIENT_METADATA_FIELDS = [
  'client_id',
  'token_endpoint_auth_method',
  'token_endpoint_auth_signing_alg',
  'grant_types',
  'scope',
  'jwks',
  'jwks_uri',
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
  'tls_client_certificate_bound_access_tokens',
  'dpop_bound_access_tokens',
  'redirect_uris',
  'response_types',
  'client_name',
  'software_id',
  'software_version',
  'backchannel_token_delivery_mode',
  'backchannel_client_notification_endpoint',
  'backchannel_authentication_request_signing_alg',
  'backchannel_user_code_parameter',
] as const;

/** RFC 8705 §2.1.2: a `tls_client_auth` client registers exactly one of these. */
export const TLS_SUBJECT_FIELDS = [
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const MAX_KEYS = 50;

/** Records `field: got <value>, expected <expected>`. */
export const problem = (rule: MetadataRuleInput, field: string, value: unknown, expected: string): void => {
  rule.problems.push({ field, message: gotExpected(value, expected) });
};

export { isHttpsUrl };

const authMethodOf = (rule: MetadataRuleInput): unknown => rule.input['token_endpoint_auth_method'];

/** client_id: 1–128 characters of the RFC 3986 unreserved set. */
const clientIdRule: MetadataRule = (rule) => {
  const value = rule.input['client_id'];
  if (typeof value === 'string' && /^[A-Za-z0-9._~-]{1,128}$/.test(value)) rule.output['client_id'] = value;
  else problem(rule, 'client_id', value, '1–128 characters of A-Z a-z 0-9 . _ ~ -');
};

/** token_endpoint_auth_method (RFC 7591 §2): required, and one the profile allows. */
const authMethodRule: MetadataRule = (rule) => {
  const value = authMethodOf(rule);
  const allowed = rule.context.allowedAuthMethods;
  if (allowed.includes(value as ClientAuthMethod)) {
    rule.output['token_endpoint_auth_method'] = value;
    return;
  }
  const disabled = CLIENT_AUTH_METHODS.includes(value as ClientAuthMethod)
    ? ` (${String(value)} is not enabled; see profile.allowedAuthMethods)`
    : '';
  problem(rule, 'token_endpoint_auth_method', value, `one of ${allowed.join(', ')}${disabled}`);
};

/** grant_types (RFC 7591 §2): unique names of supported grants; omitted means `["authorization_code"]`. */
const grantTypesRule: MetadataRule = (rule) => {
  const supported = rule.context.supportedGrantTypes;
  const expected = `a non-empty list of distinct grant types from ${supported.join(', ')}`;
  const given = rule.input['grant_types'];
  const value = given === undefined ? ['authorization_code'] : given;
  if (!Array.isArray(value) || value.length === 0 || new Set(value).size !== value.length) {
    problem(rule, 'grant_types', value, expected);
    return;
  }
  const before = rule.problems.length;
  value.forEach((grant, i) => {
    if (typeof grant !== 'string' || !supported.includes(grant)) {
      const field = given === undefined ? 'grant_types' : `grant_types[${i}]`;
      const note = given === undefined ? ' (omitted grant_types defaults to authorization_code, RFC 7591 §2)' : '';
      problem(rule, field, grant, `one of ${supported.join(', ')}${note}`);
    }
  });
  if (rule.problems.length === before) rule.output['grant_types'] = [...(value as string[])];
};

/** scope (RFC 7591 §2, RFC 6749 §3.3): space-separated scope-tokens of NQCHAR. */
export const scopeRule: MetadataRule = (rule) => {
  const value = rule.input['scope'];
  if (value === undefined) return;
  const tokenPattern = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
  if (typeof value === 'string' && value.length <= 2048 && value.split(' ').every((token) => tokenPattern.test(token))) {
    rule.output['scope'] = value;
  } else {
    problem(rule, 'scope', value, 'scope tokens (printable ASCII except " and \\) separated by single spaces');
  }
};

function checkJwk(rule: MetadataRuleInput, key: unknown, field: string): void {
  if (!isRecord(key)) return problem(rule, field, key, 'a JWK object');
  const jwk = key as Record<string, unknown>;
  const secret = PRIVATE_JWK_MEMBERS.find((member) => member in jwk);
  if (secret !== undefined) {
    rule.problems.push({ field: `${field}.${secret}`, message: `got a private or symmetric key member, expected public keys only` });
    return;
  }
  const required = jwk['kty'] === 'RSA' ? ['n', 'e'] : jwk['kty'] === 'EC' ? ['crv', 'x', 'y'] : undefined;
  if (required === undefined) return problem(rule, `${field}.kty`, jwk['kty'], 'RSA or EC');
  for (const member of required) {
    if (typeof jwk[member] !== 'string') problem(rule, `${field}.${member}`, jwk[member], 'a base64url string');
  }
}

/**
 * jwks / jwks_uri (RFC 7591 §2): at most one of them; public keys only. Required for `private_key_jwt` (RFC 7523 §3)
 * and `self_signed_tls_client_auth` (RFC 8705 §2.2.2).
 */
const keySetRule: MetadataRule = (rule) => {
  const { jwks, jwks_uri: jwksUri } = rule.input;
  const method = authMethodOf(rule);
  if (jwks !== undefined && jwksUri !== undefined) {
    problem(rule, 'jwks_uri', jwksUri, 'nothing when jwks is given (jwks and jwks_uri are mutually exclusive)');
    return;
  }
  if (jwks === undefined && jwksUri === undefined) {
    if (method === 'private_key_jwt' || method === 'self_signed_tls_client_auth') {
      problem(rule, 'jwks', undefined, `jwks or jwks_uri (required for ${method})`);
    }
    return;
  }
  if (jwksUri !== undefined) {
    if (isHttpsUrl(jwksUri)) rule.output['jwks_uri'] = jwksUri;
    else problem(rule, 'jwks_uri', jwksUri, 'an https URL without fragment');
    return;
  }
  const keys = typeof jwks === 'object' && jwks !== null ? (jwks as Record<string, unknown>)['keys'] : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) {
    const got = Array.isArray(keys) ? `${keys.length} keys` : typeof keys === 'object' && keys !== null ? 'an object' : describeValue(keys);
    rule.problems.push({ field: 'jwks.keys', message: `got ${got}, expected a list of 1–${MAX_KEYS} JWKs` });
    return;
  }
  const before = rule.problems.length;
  keys.forEach((key, i) => checkJwk(rule, key, `jwks.keys[${i}]`));
  if (rule.problems.length === before) rule.output['jwks'] = { keys: structuredClone(keys) };
};

const subjectChecks: Record<(typeof TLS_SUBJECT_FIELDS)[number], [(value: string) => boolean, string]> = {
  tls_client_auth_subject_dn: [(v) => v.includes('='), 'an RFC 4514 distinguished name such as "CN=tpp,O=Example"'],
  tls_client_auth_san_dns: [(v) => /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(v), 'a DNS name'],
  tls_client_auth_san_uri: [(v) => URL.canParse(v), 'an absolute URI'],
  tls_client_auth_san_ip: [(v) => isIP(v) !== 0, 'an IPv4 or IPv6 address'],
  tls_client_auth_san_email: [(v) => /^[^\s@]+@[^\s@]+$/.test(v), 'an email address'],
};

/** RFC 8705 §2.1.2: `tls_client_auth` needs exactly one subject field; other methods take none. */
const tlsSubjectRule: MetadataRule = (rule) => {
  const present = TLS_SUBJECT_FIELDS.filter((field) => rule.input[field] !== undefined);
  const method = authMethodOf(rule);
  if (method !== 'tls_client_auth') {
    if (!CLIENT_AUTH_METHODS.includes(method as ClientAuthMethod)) return;
    for (const field of present) problem(rule, field, rule.input[field], 'nothing unless token_endpoint_auth_method is tls_client_auth');
    return;
  }
  if (present.length !== 1) {
    const names = present.length === 0 ? 'none' : present.join(' and ');
    rule.problems.push({
      field: present[1] ?? 'tls_client_auth_subject_dn',
      message: `got ${names}, expected exactly one of ${TLS_SUBJECT_FIELDS.join(', ')} (RFC 8705 §2.1.2)`,
    });
    return;
  }
  const field = present[0] as (typeof TLS_SUBJECT_FIELDS)[number];
  const value = rule.input[field];
  const [valid, expected] = subjectChecks[field];
  if (typeof value === 'string' && value.length <= 1024 && valid(value)) rule.output[field] = value;
  else problem(rule, field, value, expected);
};

/** token_endpoint_auth_signing_alg (RFC 8414 §2 / OIDC Registration §2): PS256 or ES256 (FAPI). */
const signingAlgRule: MetadataRule = (rule) => {
  const value = rule.input['token_endpoint_auth_signing_alg'];
  if (value === undefined) return;
  if (SIGNING_ALGS.includes(value as SigningAlg)) rule.output['token_endpoint_auth_signing_alg'] = value;
  else problem(rule, 'token_endpoint_auth_signing_alg', value, `one of ${SIGNING_ALGS.join(', ')}`);
};

/** tls_client_certificate_bound_access_tokens (RFC 8705 §3.4): boolean, default false, forced true by the profile. */
const boundTokensRule: MetadataRule = (rule) => {
  const value = rule.input['tls_client_certificate_bound_access_tokens'];
  if (value !== undefined && typeof value !== 'boolean') {
    problem(rule, 'tls_client_certificate_bound_access_tokens', value, 'true or false');
    return;
  }
  rule.output['tls_client_certificate_bound_access_tokens'] = rule.context.alwaysBindTokens || value === true;
};

/** dpop_bound_access_tokens (RFC 9449 §5.2): boolean, default false; true makes a DPoP proof required at the token endpoint. */
const dpopBoundTokensRule: MetadataRule = (rule) => {
  const value = rule.input['dpop_bound_access_tokens'];
  if (value === undefined) return;
  if (typeof value === 'boolean') rule.output['dpop_bound_access_tokens'] = value;
  else problem(rule, 'dpop_bound_access_tokens', value, 'true or false');
};

/** client_name, software_id, software_version (RFC 7591 §2): non-empty strings of at most 255 characters. */
const descriptiveFieldsRule: MetadataRule = (rule) => {
  for (const field of ['client_name', 'software_id', 'software_version']) {
    const value = rule.input[field];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.length > 0 && value.length <= 255) rule.output[field] = value;
    else problem(rule, field, value, 'a non-empty string of at most 255 characters');
  }
};

/** redirect_uris (RFC 7591 §2, RFC 6749 §3.1.2): https URLs without fragment; required for authorization_code. */
const redirectUrisRule: MetadataRule = (rule) => {
  const value = rule.input['redirect_uris'];
  const grants = rule.input['grant_types'] ?? ['authorization_code'];
  const needed = Array.isArray(grants) && grants.includes('authorization_code');
  if (value === undefined) {
    if (needed && rule.context.supportedGrantTypes.includes('authorization_code')) {
      problem(rule, 'redirect_uris', value, 'at least one https URL (required for authorization_code)');
    }
    return;
  }
  if (!Array.isArray(value) || value.length === 0) {
    problem(rule, 'redirect_uris', value, 'a non-empty list of https URLs');
    return;
  }
  const bad = value.findIndex((uri) => !isHttpsUrl(uri));
  if (bad === -1) rule.output['redirect_uris'] = [...(value as string[])];
  else problem(rule, `redirect_uris[${bad}]`, value[bad], 'an https URL without fragment');
};

/** The rules `validateClientMetadata` applies by default, in order; DCR appends its own (software statement…). */
export const CLIENT_METADATA_RULES: readonly MetadataRule[] = [
  clientIdRule,
  authMethodRule,
  grantTypesRule,
  scopeRule,
  keySetRule,
  tlsSubjectRule,
  signingAlgRule,
  boundTokensRule,
  dpopBoundTokensRule,
  descriptiveFieldsRule,
  redirectUrisRule,
  responseTypesRule,
  backchannelMetadataRule,
];

/**
 * Validates RFC 7591 §2 client metadata with the RFC 8705 (§2.1.2, §2.2, §3.4) and RFC 7523 additions, as used for
 * static clients in the configuration and (later) by dynamic registration. Unknown fields are dropped from the result,
 * as RFC 7591 §2 allows. Every problem is reported, not just the first.
 */
export function validateClientMetadata(
  input: unknown,
  context: ClientMetadataContext,
  rules: readonly MetadataRule[] = CLIENT_METADATA_RULES,
): ClientMetadataResult {
  if (!isRecord(input)) {
    return { ok: false, errors: [{ field: '', message: `got ${describeValue(input)}, expected a JSON object` }] };
  }
  const rule: MetadataRuleInput = { input: input as Record<string, unknown>, context, output: {}, problems: [] };
  for (const apply of rules) apply(rule);
  if (rule.problems.length > 0) return { ok: false, errors: rule.problems };
  return { ok: true, metadata: rule.output as ClientMetadata };
}
