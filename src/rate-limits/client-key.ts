import { createHash } from 'node:crypto';

/** What a request says about its client, unauthenticated: enough to pick a bucket, never to trust. */
export interface ClientClaims {
  /** The parsed form body. */
  readonly form?: ReadonlyMap<string, string>;
  /** Route parameters: `clientId` of the RFC 7592 client configuration endpoint. */
  readonly params?: Readonly<Record<string, string>>;
  /** The `Authorization` header. */
  readonly authorization?: string;
  /** Hex SHA-256 of the client certificate (the TLS peer's, or a trusted proxy's `Client-Cert`). */
  readonly certificateThumbprint?: string;
}

/** Client ids longer than this are hashed into the key, so a key stays small whatever a request sends. */
const MAX_ID_IN_KEY = 128;

/**
 * The per-client bucket key of a request, without authenticating it (rate limiting comes first and must stay cheap):
 * the client_id it names — form `client_id` (RFC 6749 §2.3.1, RFC 8705 §2), the RFC 7592 path's client id, the
 * HTTP Basic user name (RFC 6749 §2.3.1), or the `sub` (else `iss`) of a `client_assertion` (RFC 7523 §3, read
 * unverified) — qualified by the certificate thumbprint when there is one, else the thumbprint alone. The qualifier
 * is what keeps the key honest: anyone may name another client's id, but only the holder of its certificate's key
 * shares its bucket, so a flood naming a victim's client_id exhausts the flooder's bucket, not the victim's. A client
 * without a certificate (and a request without either) has no per-client bucket beyond its id alone, or none at all.
 */
export function rateLimitClientKey(claims: ClientClaims): string | undefined {
  const id =
    claims.form?.get('client_id') ??
    claims.params?.['clientId'] ??
    basicUserName(claims.authorization) ??
    assertionSubject(claims.form?.get('client_assertion'));
  const thumbprint = claims.certificateThumbprint;
  if (id === undefined || id === '') return thumbprint === undefined ? undefined : `x5t:${thumbprint}`;
  const named = id.length <= MAX_ID_IN_KEY ? id : `sha256:${createHash('sha256').update(id).digest('base64url')}`;
  return thumbprint === undefined ? `id:${named}` : `id:${named}|x5t:${thumbprint}`;
}

function basicUserName(authorization: string | undefined): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
  try {
    return decodeURIComponent(user.replace(/\+/g, ' '));
  } catch {
    return user;
  }
}

function assertionSubject(assertion: string | undefined): string | undefined {
  const payload = assertion?.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { sub, iss } = claims as { sub?: unknown; iss?: unknown };
    return typeof sub === 'string' ? sub : typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
