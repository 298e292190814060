import type { JWK, JWTPayload } from 'jose';
import { JwksUnavailableError } from '../client-auth/remote-jwks.js';
import type { OutboundScreen } from '../outbound/outbound-client.js';
import type { Psd2Role } from '../pki/client-certificate.js';
import type { DirectoryTrust } from './directory-trust.js';
import { jwkProblem } from '../pki/key-strength.js';
import { invalidSoftwareStatement, unapprovedSoftwareStatement } from './registration-errors.js';
import { peekJwt, verifyClientJwt, type ClientJwtRules } from '../protocol/client-jwt.js';

/** A verified software statement assertion (RFC 7591 §2.3, UK OB Directory SSA claims). */
export interface SoftwareStatement {
  /** The JWT as received; RFC 7591 §3.2.1 returns it unmodified. */
  readonly jwt: string;
  readonly issuer: string;
  readonly jti: string;
  readonly softwareId: string;
  /** The TPP's organisation as the directory knows it, e.g. `PSDGB-FCA-123456` or `123456`. */
  readonly orgId: string;
  /**
   * The national authority (NCAId, e.g. `GB-FCA`) whose bare authorisation numbers the issuing directory writes as
   * `org_id`; undefined when the directory only writes full ETSI identifiers (then a bare `org_id` matches nothing).
   */
  readonly orgIdAuthority?: string;
  /** `software_roles` as PSD2 roles (AISP → PSP_AI, PISP → PSP_PI, CBPII → PSP_IC, ASPSP → PSP_AS). */
  readonly roles: readonly Psd2Role[];
  readonly redirectUris: readonly string[];
  /** `software_jwks_endpoint`: where the software's public keys are. */
  readonly jwksUri?: string;
  /** `software_jwks`: the software's public keys, embedded. */
  readonly jwks?: { readonly keys: readonly JWK[] };
  readonly clientName?: string;
  readonly expiresAt?: Date;
}

const ROLE_NAMES: Readonly<Record<string, Psd2Role>> = {
  AISP: 'PSP_AI',
  PISP: 'PSP_PI',
  CBPII: 'PSP_IC',
  ASPSP: 'PSP_AS',
  PSP_AI: 'PSP_AI',
  PSP_PI: 'PSP_PI',
  PSP_IC: 'PSP_IC',
  PSP_AS: 'PSP_AS',
};

/** How SSA problems are reported: `invalid_software_statement` with the software_statement_* reasons. */
const SSA_RULES: ClientJwtRules = {
  requiredClaims: ['iat'],
  failures: {
  name: 'software statement',
  malformed: 'software_statement_malformed',
  signature: 'software_statement_signature_invalid',
  expired: 'software_statement_expired',
  claim: 'software_statement_claim_invalid',
  missing: 'software_statement_claim_missing',
  error: (description, reason, detail) => invalidSoftwareStatement(description, reason, detail === undefined ? {} : { detail }),
  },
};

const MAX_SOFTWARE_KEYS = 50;

const missing = (claim: string) => invalidSoftwareStatement(`The software statement has no ${claim} claim`, 'software_statement_claim_missing');
const invalid = (claim: string, expected: string) =>
  invalidSoftwareStatement(`The software statement ${claim} claim must be ${expected}`, 'software_statement_claim_invalid');

function text(claims: JWTPayload, name: string, required: true): string;
function text(claims: JWTPayload, name: string, required: false): string | undefined;
function text(claims: JWTPayload, name: string, required: boolean): string | undefined {
  const value = claims[name];
  if (value === undefined) {
    if (required) throw missing(name);
    return undefined;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) throw invalid(name, 'a string of 1 to 255 characters');
  return value;
}

function stringList(claims: JWTPayload, name: string): string[] {
  const value = claims[name];
  if (value === undefined) throw missing(name);
  if (!Array.isArray(value) || value.length > 100 || value.some((item) => typeof item !== 'string')) {
    throw invalid(name, 'a list of strings');
  }
  return value as string[];
}

function roles(claims: JWTPayload): Psd2Role[] {
  const names = stringList(claims, 'software_roles');
  if (names.length === 0) throw invalid('software_roles', 'a non-empty list such as ["AISP","PISP"]');
  return [...new Set(names.map((name) => ROLE_NAMES[name.toUpperCase()]).filter((role) => role !== undefined))];
}

function keyMaterial(claims: JWTPayload): Pick<SoftwareStatement, 'jwksUri' | 'jwks'> {
  const uri = claims['software_jwks_endpoint'];
  const jwks = claims['software_jwks'];
  const result: { jwksUri?: string; jwks?: { keys: JWK[] } } = {};
  if (uri !== undefined) {
    if (typeof uri !== 'string' || !URL.canParse(uri) || new URL(uri).protocol !== 'https:') {
      throw invalid('software_jwks_endpoint', 'an https URL');
    }
    result.jwksUri = uri;
  }
  if (jwks !== undefined) {
    const keys = (jwks as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_SOFTWARE_KEYS) {
      throw invalid('software_jwks', `a JWK Set of 1 to ${MAX_SOFTWARE_KEYS} public keys`);
    }
    keys.forEach((key: unknown, i) => {
      const problem = jwkProblem(key);
      if (problem !== undefined) throw invalid('software_jwks', `a JWK Set of acceptable public keys (keys[${i}] ${problem})`);
    });
    result.jwks = { keys: keys as JWK[] };
  }
  return result;
}

/** Verifies software statements: a trusted issuer's signature (PS256/ES256), `iat`/`exp`, the required claims. */
export type VerifySoftwareStatement = (jwt: unknown, now: Date) => Promise<SoftwareStatement>;

/**
 * Builds the SSA check (RFC 7591 §2.3, §3.1.1): the issuer must be a trusted directory (else
 * `unapproved_software_statement`); the signature must verify with that directory's keys, refreshed once for an
 * unknown `kid`; an unreachable directory JWKS is an `invalid_software_statement`. `iat`, `jti`, `software_id`,
 * `org_id`, `software_roles` and `software_redirect_uris` are required; `exp` is checked when present; a
 * `software_jwks_endpoint` whose host is or resolves to an address obas does not connect to (`screen`) is refused
 * before anything is fetched from it. Whether the SSA was used before is the caller's decision, made only once
 * everything else passed.
 */
export function createSoftwareStatementVerifier(trust: DirectoryTrust, screen: OutboundScreen): VerifySoftwareStatement {
  return async (jwt, now) => {
    if (typeof jwt !== 'string') throw invalidSoftwareStatement('The software_statement must be a JWT string', 'software_statement_malformed');
    const unverified = peekJwt(jwt, SSA_RULES).claims;
    const issuer = text(unverified, 'iss', true);
    const keys = trust.keysFor(issuer);
    if (keys === undefined) {
      throw unapprovedSoftwareStatement('The software statement issuer is not a trusted directory', 'software_statement_issuer_unknown', {
        detail: `iss ${issuer}`,
      });
    }
    let claims: JWTPayload;
    try {
      claims = await verifyClientJwt(jwt, keys, now, SSA_RULES);
    } catch (error) {
      if (!(error instanceof JwksUnavailableError)) throw error;
      throw invalidSoftwareStatement('The directory keys could not be retrieved; try again later', 'directory_unavailable', {
        detail: error.message,
      });
    }
    const clientName = text(claims, 'software_client_name', false);
    const orgIdAuthority = trust.bareOrgIdAuthority(issuer);
    const statement: SoftwareStatement = {
      jwt,
      issuer,
      jti: text(claims, 'jti', true),
      softwareId: text(claims, 'software_id', true),
      orgId: text(claims, 'org_id', true),
      roles: roles(claims),
      redirectUris: stringList(claims, 'software_redirect_uris'),
      ...keyMaterial(claims),
      ...(clientName === undefined ? {} : { clientName }),
      ...(claims.exp === undefined ? {} : { expiresAt: new Date(claims.exp * 1000) }),
      ...(orgIdAuthority === undefined ? {} : { orgIdAuthority }),
    };
    if (statement.jwksUri !== undefined) await refuseForbiddenEndpoint(statement.jwksUri, screen);
    return statement;
  };
}

async function refuseForbiddenEndpoint(uri: string, screen: OutboundScreen): Promise<void> {
  const refused = await screen(uri);
  if (refused === undefined) return;
  throw invalidSoftwareStatement(`The software statement software_jwks_endpoint ${uri} ${refused.refusal}, which obas does not connect to`, 'software_jwks_endpoint_forbidden', {
    detail: refused.detail,
  });
}
