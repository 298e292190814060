import type { JWK, JWTPayload } from 'jose';
import { JwksUnavailableError, type RemoteJwks } from '../client-auth/remote-jwks.js';
import type { RegistrationSettings } from './registration-settings.js';
import type { EndpointRequest } from '../protocol/endpoint.types.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { OutboundScreen } from '../outbound/outbound-client.js';
import { isHttpsUrl } from './client-metadata.js';
import { invalidClientMetadata, invalidSoftwareStatement } from './registration-errors.js';
import { CLOCK_SKEW_SECONDS } from '../protocol/clock-skew.js';
import { peekJwt, verifyClientJwt, type ClientJwtRules, type JwtFailures, type KeySource } from '../protocol/client-jwt.js';
import type { SoftwareStatement, VerifySoftwareStatement } from './software-statement.js';
import { isRecord } from '../shared/is-record.js';

/** A registration request (RFC 7591 §3.1) once its envelope and software statement were verified. */
export interface RegistrationRequest {
  /** The requested client metadata: everything but the envelope claims and the software statement. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly softwareStatement?: SoftwareStatement;
  /** The signed request's `jti`, to be claimed as used once the registration is accepted. */
  readonly requestJti?: { readonly id: string; readonly expiresAt: Date };
}

/** Reads the body of a registration or update request in the profile's format. */
export type ReadRegistrationRequest = (request: EndpointRequest) => Promise<RegistrationRequest>;

/** What the reader needs to know. */
export interface RegistrationRequestSettings {
  /** The `aud` a signed request must carry. */
  readonly issuer: string;
  readonly format: RegistrationSettings['requestFormat'];
  readonly softwareStatement: RegistrationSettings['softwareStatement'];
}

/** Longest accepted lifetime (`exp - now`) of a signed registration request. */
const MAX_REQUEST_LIFETIME_SECONDS = 3600;
const ENVELOPE_CLAIMS: ReadonlySet<string> = new Set(['iss', 'aud', 'iat', 'exp', 'nbf', 'jti', 'software_statement']);
const JOSE_MEDIA_TYPES = ['application/jose', 'application/jwt'];

/** Signed request problems are `invalid_request` with the same reasons as client assertions. */
const REQUEST_FAILURES: JwtFailures = {
  name: 'registration request',
  malformed: 'assertion_malformed',
  signature: 'assertion_signature_invalid',
  expired: 'assertion_expired',
  claim: 'assertion_claim_invalid',
  missing: 'assertion_claim_missing',
  error: (description, reason, detail) => invalidRequest(description, reason, detail === undefined ? {} : { detail }),
};

const fail = (description: string, reason: JwtFailures['claim']) => REQUEST_FAILURES.error(description, reason);

const REQUEST_RULES: ClientJwtRules = {
  failures: REQUEST_FAILURES,
  requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
  maxLifetimeSeconds: MAX_REQUEST_LIFETIME_SECONDS,
};

const mediaTypeOf = (request: EndpointRequest) => (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Builds the reader. `jwt` (UK OB DCR v3.3): the body is a JWS (`application/jose`) signed with PS256/ES256 by a key of
 * the software (the SSA's `software_jwks` or `software_jwks_endpoint`), `iss` = the SSA's `software_id`, `aud` = the
 * issuer, `iat`/`exp` (at most an hour ahead) and a `jti`. `json` (RFC 7591 §3.1): a JSON object whose optional
 * `software_statement` the profile may require. Either way, a requested https `jwks_uri` whose host is or resolves to
 * an address obas does not connect to (`screen`) is an `invalid_client_metadata` (the SSA's own endpoint is
 * screened by `verifySoftwareStatement`).
 */
export function createRegistrationRequestReader(
  settings: RegistrationRequestSettings,
  verifySoftwareStatement: VerifySoftwareStatement,
  remote: RemoteJwks,
  screen: OutboundScreen,
): ReadRegistrationRequest {
  async function statementOf(value: unknown, required: boolean, now: Date): Promise<SoftwareStatement | undefined> {
    if (value === undefined) {
      if (!required) return undefined;
      throw invalidSoftwareStatement('A software_statement is required', 'software_statement_missing');
    }
    return verifySoftwareStatement(value, now);
  }

  async function readJson(request: EndpointRequest): Promise<RegistrationRequest> {
    const body = request.json;
    if (!isRecord(body)) {
      throw invalidRequest('The registration request must be a JSON object (Content-Type: application/json)', 'malformed_request');
    }
    const { software_statement: jwt, ...metadata } = body as Record<string, unknown>;
    const statement = await statementOf(jwt, settings.softwareStatement === 'required', request.now);
    return statement === undefined ? { metadata } : { metadata, softwareStatement: statement };
  }

  async function readJws(request: EndpointRequest): Promise<RegistrationRequest> {
    if (request.text === undefined || !JOSE_MEDIA_TYPES.includes(mediaTypeOf(request))) {
      throw invalidRequest('The registration request must be a JWS signed by the TPP (Content-Type: application/jose)', 'malformed_request');
    }
    const jws = request.text.trim();
    const unverified = peekJwt(jws, REQUEST_RULES).claims;
    const statement = (await statementOf(unverified['software_statement'], true, request.now)) as SoftwareStatement;
    const claims = await verifyWithSoftwareKeys(jws, statement, request.now);
    const jti = checkEnvelope(claims, statement);
    const metadata = Object.fromEntries(Object.entries(claims).filter(([name]) => !ENVELOPE_CLAIMS.has(name)));
    return { metadata, softwareStatement: statement, requestJti: jti };
  }

  async function verifyWithSoftwareKeys(jws: string, statement: SoftwareStatement, now: Date): Promise<JWTPayload> {
    try {
      return await verifyClientJwt(jws, softwareKeys(statement, remote), now, REQUEST_RULES);
    } catch (error) {
      if (!(error instanceof JwksUnavailableError)) throw error;
      throw invalidSoftwareStatement('The software_jwks_endpoint of the software statement could not be retrieved', 'directory_unavailable', {
        detail: error.message,
      });
    }
  }

  function checkEnvelope(claims: JWTPayload, statement: SoftwareStatement): { id: string; expiresAt: Date } {
    if (claims.iss !== statement.softwareId) throw fail('The registration request iss must be the software_id of the software statement', 'assertion_claim_invalid');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(settings.issuer)) throw fail(`The registration request aud must be ${settings.issuer}`, 'assertion_claim_invalid');
    return { id: `${statement.softwareId}:${claims.jti as string}`, expiresAt: new Date(((claims.exp as number) + CLOCK_SKEW_SECONDS) * 1000) };
  }

  /** `jwks_uri` and the CIBA `backchannel_client_notification_endpoint`: URLs obas connects to, screened like every outbound call. */
  async function refuseForbiddenJwksUri(registration: RegistrationRequest): Promise<RegistrationRequest> {
    for (const field of ['jwks_uri', 'backchannel_client_notification_endpoint']) {
      const uri = registration.metadata[field];
      const refused = isHttpsUrl(uri) ? await screen(uri) : undefined;
      if (refused === undefined) continue;
      throw invalidClientMetadata(`${field} ${uri as string} ${refused.refusal}, which obas does not connect to`, 'jwks_uri_forbidden', {
        detail: refused.detail,
      });
    }
    return registration;
  }

  return async (request) => refuseForbiddenJwksUri(await (settings.format === 'jwt' ? readJws(request) : readJson(request)));
}

/** The software's keys from its SSA: the embedded `software_jwks`, else `software_jwks_endpoint` through the cache. */
function softwareKeys(statement: SoftwareStatement, remote: RemoteJwks): KeySource {
  const embedded: readonly JWK[] | undefined = statement.jwks?.keys;
  if (embedded !== undefined) return async () => embedded;
  const uri = statement.jwksUri;
  if (uri === undefined) {
    throw invalidSoftwareStatement(
      'The software statement has no software_jwks_endpoint or software_jwks to verify the request with',
      'software_statement_claim_missing',
    );
  }
  return (refresh) => (refresh ? remote.refresh(uri) : remote.keys(uri));
}
