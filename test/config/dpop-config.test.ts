import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { validateClientMetadata } from '../../src/registration/client-metadata.ts';
import { tempDir, writeText } from './config-fixtures.ts';

const load = (settings: unknown) => {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir });
};

describe('the dpop section', () => {
  it('defaults to no nonce, 60-second nonce windows and 60-second proofs', async () => {
    expect((await load({})).dpop).toEqual({ requireNonce: false, nonceRotationSeconds: 60, proofLifetimeSeconds: 60 });
  });

  it('reads every key', async () => {
    const config = await load({ dpop: { requireNonce: true, nonceRotationSeconds: 30, proofLifetimeSeconds: 120 } });
    expect(config.dpop).toEqual({ requireNonce: true, nonceRotationSeconds: 30, proofLifetimeSeconds: 120 });
  });

  it('names each bad value and refuses unknown keys', async () => {
    const error = await load({ dpop: { requireNonce: 'yes', nonceRotationSeconds: 0, proofLifetimeSeconds: 99_999, nonce: true } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of ['dpop.requireNonce', 'dpop.nonceRotationSeconds', 'dpop.proofLifetimeSeconds', 'dpop.nonce']) expect(message).toContain(key);
  });
});

describe('dpop_bound_access_tokens client metadata (RFC 9449 §5.2)', () => {
  const context = { allowedAuthMethods: ['tls_client_auth' as const], alwaysBindTokens: true, supportedGrantTypes: ['client_credentials'] };
  const base = { client_id: 'c', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=c', grant_types: ['client_credentials'], scope: 'accounts' };

  it('keeps a boolean and leaves it out when absent', () => {
    expect(validateClientMetadata({ ...base, dpop_bound_access_tokens: true }, context)).toMatchObject({ ok: true, metadata: { dpop_bound_access_tokens: true } });
    const absent = validateClientMetadata(base, context);
    expect(absent.ok && absent.metadata).not.toHaveProperty('dpop_bound_access_tokens');
    expect(absent.ok).toBe(true);
  });

  it('refuses a non-boolean', () => {
    const result = validateClientMetadata({ ...base, dpop_bound_access_tokens: 'yes' }, context);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('dpop_bound_access_tokens');
  });
});
