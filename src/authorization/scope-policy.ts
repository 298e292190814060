import { parseScope } from '../protocol/form-fields.js';
import { invalidScope } from '../errors/error-factories.js';
import type { ClientMetadata } from '../storage/ports.js';

const parsedScopes = new WeakMap<ClientMetadata, ReadonlySet<string>>();

/**
 * The scope values a client registered (RFC 7591 §2 `scope`). Parsed once per metadata object: stored clients are
 * cached per version, so the token endpoint's hot path does not split the same string on every request.
 */
export function registeredScopes(metadata: ClientMetadata): ReadonlySet<string> {
  let scopes = parsedScopes.get(metadata);
  if (scopes === undefined) {
    const scope = metadata['scope'];
    scopes = new Set(typeof scope === 'string' && scope !== '' ? scope.split(' ') : []);
    parsedScopes.set(metadata, scopes);
  }
  return scopes;
}

/**
 * The scope to grant: the requested scope when every value is registered for the client, the registered scope when
 * none was requested (RFC 6749 §3.3), otherwise `invalid_scope`.
 */
export function grantableScope(requested: string | undefined, metadata: ClientMetadata): string {
  const allowed = registeredScopes(metadata);
  if (requested === undefined) return [...allowed].join(' ');
  const values = parseScope(requested);
  const refused = values.filter((value) => !allowed.has(value));
  if (refused.length > 0) throw invalidScope('The requested scope is not allowed for this client', { detail: refused.join(' ') });
  return values.join(' ');
}
