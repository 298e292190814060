import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_OVERRIDES, flagLabel } from '../../src/config/config-overrides.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { selfSignedPem, tempDir, writeText } from './config-fixtures.ts';

const docs = readFileSync(fileURLToPath(new URL('../../docs/configuration.md', import.meta.url)), 'utf8');

describe('docs/configuration.md', () => {
  it('has an example YAML that loads, with its files in place', async () => {
    const example = docs.slice(docs.indexOf('## Example')).match(/```yaml\n([\s\S]+?)```/)?.[1];
    expect(example).toBeDefined();
    const dir = tempDir();
    for (const name of ['as', 'mtls']) {
      const { cert, key } = await selfSignedPem(`${name}.bank.example`);
      writeText(dir, `tls/${name}.pem`, cert);
      writeText(dir, `tls/${name}.key`, key);
    }
    writeText(dir, 'ca/ob-issuing-ca.pem', (await selfSignedPem('issuing')).cert);
    writeText(dir, 'ca/ob-root-ca.pem', (await selfSignedPem('root')).cert);
    const file = writeText(dir, 'obas.yaml', example ?? '');

    const config = await loadConfig({ configPath: file, env: {}, cwd: dir });
    expect(config.profile.name).toBe('uk-ob');
    expect(config.profile.allowedAuthMethods).toContain('client_secret_basic');
    expect(config.clients.map((client) => client.metadata.token_endpoint_auth_method)).toEqual([
      'tls_client_auth',
      'private_key_jwt',
      'client_secret_basic',
    ]);
    expect(config.mtls.tlsCertFile).toBe(`${dir}/tls/mtls.pem`);
  });

  it('documents every environment variable and flag', () => {
    for (const spec of CONFIG_OVERRIDES) {
      expect(docs).toContain(`\`${spec.env}\``);
      if (spec.flag !== undefined) expect(docs).toContain(`\`${flagLabel(spec.flag)}\``);
    }
  });
});
