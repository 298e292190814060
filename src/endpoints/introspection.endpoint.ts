import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import type { AccessTokenRecord, AccessTokenRepository } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import type { Endpoint } from './endpoint.types.js';
import { requiredParameter } from './form-fields.js';
import { NO_STORE_HEADERS } from './no-store.js';
import { requireForm } from './require-form.js';

/** RFC 7662 §2.2 introspection response. */
export interface IntrospectionResponse {
  readonly active: boolean;
  readonly scope?: string;
  readonly client_id?: string;
  readonly token_type?: 'Bearer';
  readonly exp?: number;
  readonly iat?: number;
  readonly sub?: string;
  readonly iss?: string;
  readonly cnf?: { readonly 'x5t#S256': string };
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Token introspection (RFC 7662): requires an authenticated client (§2.1); answers `active: false` for unknown,
 * expired or revoked tokens, opaque and JWT alike, since both are looked up by hash in storage (§2.2).
 */
export function createIntrospectionEndpoint(
  authenticateClient: AuthenticateClient,
  accessTokens: AccessTokenRepository,
  issuer: string,
): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const token = requiredParameter(form, 'token');
    await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
    );
    const record = await accessTokens.findByHash(hashToken(token));
    return { status: 200, headers: NO_STORE_HEADERS, body: describe(record, request.now, issuer) };
  };
}

function describe(record: AccessTokenRecord | undefined, now: Date, issuer: string): IntrospectionResponse {
  if (record === undefined || record.revokedAt !== undefined || record.expiresAt <= now) return { active: false };
  return {
    active: true,
    scope: record.scope,
    client_id: record.clientId,
    token_type: 'Bearer',
    exp: seconds(record.expiresAt),
    iat: seconds(record.issuedAt),
    sub: record.subject ?? record.clientId,
    iss: issuer,
    ...(record.certificateThumbprint === undefined ? {} : { cnf: { 'x5t#S256': record.certificateThumbprint } }),
  };
}
