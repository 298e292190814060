import { createHash } from 'node:crypto';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import { isHttpsUrl, problem, type MetadataRule, type MetadataRuleInput } from './client-metadata.js';
import { jwkProblem } from '../pki/key-strength.js';
import type { SoftwareStatement } from './software-statement.js';

/** Signing algorithms of ID tokens, request objects (RFC 9101) and JARM responses a client may register. */
const SIGNING_ALG_FIELDS = ['id_token_signed_response_alg', 'request_object_signing_alg', 'authorization_signed_response_alg'] as const;
const URI_FIELDS = ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri'] as const;
const APPLICATION_TYPES = ['web', 'native', 'mobile'];

/** id_token, request object and JARM signing algorithms: PS256 or ES256 (FAPI 1.0 Advanced §8.6, FAPI 2.0 SP §5.4). */
export const signingAlgorithmsRule: MetadataRule = (rule) => {
  for (const field of SIGNING_ALG_FIELDS) {
    const value = rule.input[field];
    if (value === undefined) continue;
    if (SIGNING_ALGS.includes(value as SigningAlg)) rule.output[field] = value;
    else problem(rule, field, value, `one of ${SIGNING_ALGS.join(', ')}`);
  }
};

/** application_type (OIDC Registration §2, UK OB DCR), client_uri/logo_uri/policy_uri/tos_uri and contacts (RFC 7591 §2). */
export const descriptiveRegistrationRule: MetadataRule = (rule) => {
  const type = rule.input['application_type'];
  if (type !== undefined) {
    if (APPLICATION_TYPES.includes(type as string)) rule.output['application_type'] = type;
    else problem(rule, 'application_type', type, `one of ${APPLICATION_TYPES.join(', ')}`);
  }
  for (const field of URI_FIELDS) {
    const value = rule.input[field];
    if (value === undefined) continue;
    if (isHttpsUrl(value) && value.length <= 2048) rule.output[field] = value;
    else problem(rule, field, value, 'an https URL without fragment');
  }
  const contacts = rule.input['contacts'];
  if (contacts === undefined) return;
  const valid = Array.isArray(contacts) && contacts.length <= 10 && contacts.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 255);
  if (valid) rule.output['contacts'] = [...(contacts as string[])];
  else problem(rule, 'contacts', contacts, 'a list of at most 10 strings (e-mail addresses)');
};

/**
 * Registered `jwks` keys must be ones obas can verify with (`jwkProblem`: RSA ≥ 2048 bits, EC P-256/P-384, public,
 * usable); the static-client rule only checks their shape.
 */
export const registrationKeysRule: MetadataRule = (rule) => {
  const keys = (rule.output['jwks'] as { keys?: unknown } | undefined)?.keys;
  if (!Array.isArray(keys)) return;
  const before = rule.problems.length;
  keys.forEach((key: unknown, i) => {
    const reason = jwkProblem(key);
    if (reason !== undefined) rule.problems.push({ field: `jwks.keys[${i}]`, message: `${reason} (RSA of 2048 bits or more, EC P-256 or P-384)` });
  });
  if (rule.problems.length > before) delete rule.output['jwks'];
};

/** The RFC 7638 JWK thumbprint (SHA-256) of an RSA or EC public key: its required members in lexicographic order. */
function thumbprint(key: unknown): string | undefined {
  const jwk = key as Record<string, unknown> | null;
  const members = jwk?.['kty'] === 'RSA' ? ['e', 'kty', 'n'] : jwk?.['kty'] === 'EC' ? ['crv', 'kty', 'x', 'y'] : undefined;
  if (jwk === null || members === undefined || members.some((member) => typeof jwk[member] !== 'string')) return undefined;
  const canonical = JSON.stringify(Object.fromEntries(members.map((member) => [member, jwk[member]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

/** When the SSA carries the software's keys, the client's keys must be those: its endpoint, or among its keys. */
function checkSoftwareKeys(rule: MetadataRuleInput, statement: SoftwareStatement): void {
  if (statement.jwksUri === undefined && statement.jwks === undefined) return;
  const jwksUri = rule.output['jwks_uri'];
  if (jwksUri !== undefined && jwksUri !== statement.jwksUri) {
    const expected = statement.jwksUri === undefined ? 'nothing: use jwks with keys of the software_jwks of the software statement' : `${statement.jwksUri}, the software_jwks_endpoint of the software statement`;
    problem(rule, 'jwks_uri', jwksUri, expected);
  }
  const keys = (rule.output['jwks'] as { keys?: unknown } | undefined)?.keys;
  if (!Array.isArray(keys)) return;
  if (statement.jwks === undefined) {
    problem(rule, 'jwks', 'a key set', `jwks_uri ${statement.jwksUri ?? ''}, the software_jwks_endpoint of the software statement`);
    return;
  }
  const known = new Set(statement.jwks.keys.map(thumbprint));
  keys.forEach((key: unknown, i) => {
    const print = thumbprint(key);
    if (print === undefined || !known.has(print)) {
      rule.problems.push({ field: `jwks.keys[${i}]`, message: 'not a key of the software_jwks of the software statement (RFC 7638 thumbprints differ)' });
    }
  });
}

/**
 * The software statement binds the registration (RFC 7591 §2.3: its values take precedence): `software_id` is the
 * SSA's, every redirect URI is one of its `software_redirect_uris`, and when it carries the software's keys, a
 * `jwks_uri` is its `software_jwks_endpoint` and every `jwks` key is one of its `software_jwks` (RFC 7638 thumbprint).
 */
export function softwareStatementRule(statement: SoftwareStatement): MetadataRule {
  return (rule) => {
    const softwareId = rule.input['software_id'];
    if (softwareId !== statement.softwareId) {
      problem(rule, 'software_id', softwareId, `${statement.softwareId}, the software_id of the software statement`);
    }
    const redirects = rule.output['redirect_uris'];
    if (Array.isArray(redirects)) {
      redirects.forEach((uri: unknown, i) => {
        if (!statement.redirectUris.includes(uri as string)) {
          problem(rule, `redirect_uris[${i}]`, uri, 'one of the software_redirect_uris of the software statement');
        }
      });
    }
    checkSoftwareKeys(rule, statement);
  };
}
