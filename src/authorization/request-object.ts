import type { JWTPayload } from 'jose';
import type { ClientKeys } from '../client-auth/client-keys.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import { verifyClientJwt, type JwtFailures } from '../protocol/client-jwt.js';
import type { Client } from '../clients/client.js';

/** FAPI 1.0 Advanced §5.2.2-13 and -17 (and FAPI 2.0 Message Signing): 60 minutes. */
const MAX_WINDOW_SECONDS = 3600;
const JWT_CLAIMS = new Set(['iss', 'aud', 'exp', 'nbf', 'iat', 'jti']);

const fail = (description: string, reason: ReasonKey, detail?: string) =>
  new OAuthError('invalid_request_object', description, { reason, ...(detail === undefined ? {} : { detail }) });

const REQUEST_OBJECT_FAILURES: JwtFailures = {
  name: 'request object',
  malformed: 'request_object_malformed',
  signature: 'request_object_signature_invalid',
  expired: 'request_object_expired',
  claim: 'request_object_expired',
  missing: 'request_object_claim_missing',
  error: fail,
};

/** Verifies a request object of a client and returns its authorization request parameters. */
export type VerifyRequestObject = (requestObject: string, client: Client, now: Date) => Promise<Map<string, string>>;

/**
 * Request objects (RFC 9101 §4, §6.1; FAPI 1.0 Advanced §5.2.2-1, -10, -13, -17; FAPI 2.0 Message Signing §5.3.1): a
 * JWS signed with PS256 or ES256 by a key of the client (`none`, RS256 and symmetric algorithms are refused); `iss` is
 * the client_id, `aud` the issuer, `client_id` the client; `exp` and `nbf` are required, `nbf` is at most 60 minutes
 * old and `exp` at most 60 minutes after it; `request` and `request_uri` may not appear inside (RFC 9101 §4). Only the
 * object's parameters are returned: parameters outside it are ignored (FAPI 1.0 Advanced §5.2.2-10). Objects and
 * numbers among them (`claims`, `max_age`) come back as JSON text, like any other parameter value.
 */
export function createRequestObjectVerifier(issuer: string, clientKeys: ClientKeys): VerifyRequestObject {
  return async (requestObject, client, now) => {
    const claims = await verifyClientJwt(requestObject, keysOf(client, clientKeys), now, {
      failures: REQUEST_OBJECT_FAILURES,
      requiredClaims: ['iss', 'aud', 'exp', 'nbf'],
      checkClaims: (verified) => checkClaims(verified, client.clientId, issuer, now),
    });
    return parametersOf(claims);
  };
}

/** The client's keys; a client without usable keys cannot have signed the request object. */
function keysOf(client: Client, clientKeys: ClientKeys) {
  return async (refresh: boolean) => {
    try {
      return await clientKeys.jwks(client, refresh);
    } catch (error) {
      const detail = error instanceof OAuthError ? error.detail ?? error.description : String(error);
      throw fail('The request object cannot be verified: the client has no usable keys', 'request_object_signature_invalid', detail);
    }
  };
}

function checkClaims(claims: JWTPayload, clientId: string, issuer: string, now: Date): void {
  if (claims.iss !== clientId) throw fail('The request object iss must be the client_id', 'request_object_claim_invalid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(issuer)) throw fail('The request object aud must be the issuer', 'request_object_claim_invalid');
  if (claims['client_id'] !== clientId) {
    throw fail('The request object client_id must be the client_id of the request', 'request_object_claim_invalid');
  }
  for (const nested of ['request', 'request_uri']) {
    if (claims[nested] !== undefined) throw fail(`The request object must not contain ${nested}`, 'request_object_claim_invalid');
  }
  const [exp, nbf] = [claims.exp as number, claims.nbf as number];
  if (exp - nbf > MAX_WINDOW_SECONDS) throw fail('The request object may live at most 60 minutes after nbf', 'request_object_expired');
  if (nbf < now.getTime() / 1000 - MAX_WINDOW_SECONDS) throw fail('The request object nbf is more than 60 minutes old', 'request_object_expired');
}

function parametersOf(claims: JWTPayload): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of Object.entries(claims)) {
    if (JWT_CLAIMS.has(name) || value === undefined || value === null) continue;
    parameters.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return parameters;
}
