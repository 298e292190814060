import { parseScope } from '../protocol/form-fields.js';
import { invalidScope } from '../errors/error-factories.js';
import type { Client } from '../clients/client.js';

/**
 * The scope to grant: the requested scope when every value is registered for the client, the registered scope when
 * none was requested (RFC 6749 §3.3), otherwise `invalid_scope`.
 */
export function grantableScope(requested: string | undefined, client: Client): string {
  const allowed = client.scopes;
  if (requested === undefined) return [...allowed].join(' ');
  const values = parseScope(requested);
  const refused = values.filter((value) => !allowed.has(value));
  if (refused.length > 0) throw invalidScope('The requested scope is not allowed for this client', { detail: refused.join(' ') });
  return values.join(' ');
}
