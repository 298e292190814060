import { isSecretHash } from '../client-auth/secret-hash.js';
import { CLIENT_METADATA_FIELDS, validateClientMetadata, type ClientMetadataContext } from '../registration/client-metadata.js';
import type { StaticClientConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const SECRET_METHODS: readonly unknown[] = ['client_secret_basic', 'client_secret_post'];
const CLIENT_KEYS: readonly string[] = [...CLIENT_METADATA_FIELDS, 'client_secret_hash'];

/**
 * `clients`: static clients as RFC 7591 §2 metadata (validated by `validateClientMetadata`, the same rules dynamic
 * registration applies) plus `client_secret_hash` for `client_secret_*` methods. Unknown keys are errors here, unlike
 * in registration, because a typo in a file should not silently drop a setting. A clear `client_secret` is refused.
 */
export function readClients(
  checker: ConfigChecker,
  raw: unknown,
  context: ClientMetadataContext,
  path = 'clients',
): StaticClientConfig[] {
  if (raw === undefined) return [];
  const clients = checker.list(raw, path, (item, itemPath) => readClient(checker, item, itemPath, context)) ?? [];
  const seen = new Set<string>();
  clients.forEach((client, i) => {
    const id = client.metadata.client_id;
    if (seen.has(id)) checker.fail(childPath(childPath(path, i), 'client_id'), id, 'a client_id not used by another client');
    seen.add(id);
  });
  return clients;
}

function readClient(
  checker: ConfigChecker,
  raw: unknown,
  path: string,
  context: ClientMetadataContext,
): StaticClientConfig | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return checker.fail(path, raw, 'an object of RFC 7591 client metadata');
  const entry = raw as Record<string, unknown>;
  const before = checker.issues.length;
  for (const key of Object.keys(entry)) {
    if (key === 'client_secret') {
      checker.report(childPath(path, key), 'got a clear secret, expected client_secret_hash (the output of `obas clients hash-secret`)');
    } else if (!CLIENT_KEYS.includes(key)) {
      checker.reportUnknownKey(childPath(path, key), key, CLIENT_KEYS);
    }
  }
  const { client_secret_hash: secretHash, ...metadataInput } = entry;
  const result = validateClientMetadata(metadataInput, context);
  if (!result.ok) for (const error of result.errors) checker.report(childPath(path, error.field), error.message);

  const usesSecret = SECRET_METHODS.includes(entry['token_endpoint_auth_method']);
  const hashPath = childPath(path, 'client_secret_hash');
  if (usesSecret && (typeof secretHash !== 'string' || !isSecretHash(secretHash))) {
    const expected = 'the output of `obas clients hash-secret`, scrypt$… (required for client_secret_* methods)';
    checker.fail(hashPath, secretHash === undefined ? undefined : '***', expected);
  } else if (!usesSecret && secretHash !== undefined) {
    checker.report(hashPath, 'got a secret hash, expected nothing unless token_endpoint_auth_method is client_secret_basic or client_secret_post');
  }
  if (!result.ok || checker.issues.length !== before) return undefined;
  return typeof secretHash === 'string' ? { metadata: result.metadata, clientSecretHash: secretHash } : { metadata: result.metadata };
}
