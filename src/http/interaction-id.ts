import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `x-fapi-interaction-id` of an exchange (FAPI 1 Baseline §6.2.1 items 11–13, UK OB): the TPP's own value when it
 * is a valid UUID, otherwise a new RFC 4122 UUID.
 */
export function interactionIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && UUID.test(header) ? header.toLowerCase() : randomUUID();
}
