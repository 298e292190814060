import type { ClientMetadata, ClientRecord } from '../storage/ports.js';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The client's registered redirect URIs (RFC 7591 §2), compared by exact string (RFC 9700 §4.1.3). */
export const redirectUrisOf = (metadata: ClientMetadata): string[] => strings(metadata['redirect_uris']);

/** The client's registered response types; RFC 7591 §2: `["code"]` when omitted. */
export function responseTypesOf(metadata: ClientMetadata): string[] {
  const registered = strings(metadata['response_types']);
  return registered.length === 0 ? ['code'] : registered;
}

/** Whether the client registered a grant type (RFC 7591 §2; omitted means `authorization_code`). */
export function registeredForGrant(metadata: ClientMetadata, grantType: string): boolean {
  const grants = metadata['grant_types'];
  return Array.isArray(grants) ? grants.includes(grantType) : grantType === 'authorization_code';
}

/** The name the PSU sees for the client: its registered `client_name`, else its client_id. */
export function clientDisplayName(client: ClientRecord): string {
  const name = client.metadata['client_name'];
  return typeof name === 'string' && name !== '' ? name : client.clientId;
}
