import { describe, expect, it } from 'vitest';
import { clientOf } from '../../src/clients/client.js';
import { validateClientMetadata, type ClientMetadataContext } from '../../src/registration/client-metadata.js';
import type { ClientRecord } from '../../src/storage/ports.js';

const CIBA = 'urn:openid:params:grant-type:ciba';
const context: ClientMetadataContext = { allowedAuthMethods: ['tls_client_auth'], alwaysBindTokens: true, supportedGrantTypes: ['client_credentials', CIBA] };
const base = { client_id: 'tpp-ciba', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=tpp', grant_types: [CIBA] };

function errorsOf(input: Record<string, unknown>): string[] {
  const result = validateClientMetadata(input, context);
  return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
}

/** CIBA client metadata (OpenID CIBA Core §4, FAPI-CIBA): what registration keeps, refuses, and the typed client reads. */
describe('CIBA client metadata', () => {
  it('keeps a ping registration and the typed client reads it', () => {
    const input = {
      ...base,
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: 'https://tpp.example/ciba',
      backchannel_authentication_request_signing_alg: 'ES256',
      backchannel_user_code_parameter: false,
    };
    const result = validateClientMetadata(input, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metadata).toMatchObject({ backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'https://tpp.example/ciba', backchannel_authentication_request_signing_alg: 'ES256' });
    const record = { clientId: 'tpp-ciba', metadata: result.metadata } as unknown as ClientRecord;
    expect(clientOf(record).backchannel).toEqual({ deliveryMode: 'ping', notificationEndpoint: 'https://tpp.example/ciba', requestSigningAlg: 'ES256', userCodeParameter: false });
  });

  it('refuses push, a missing mode, a ping without an https endpoint, RS256 and a user code', () => {
    expect(errorsOf({ ...base, backchannel_token_delivery_mode: 'push' })).toEqual([expect.stringMatching(/^backchannel_token_delivery_mode: got "push", expected poll or ping/)]);
    expect(errorsOf(base)).toEqual([expect.stringMatching(/^backchannel_token_delivery_mode: /)]);
    expect(errorsOf({ ...base, backchannel_token_delivery_mode: 'ping' })).toEqual([expect.stringMatching(/^backchannel_client_notification_endpoint: .*required for ping/)]);
    expect(errorsOf({ ...base, backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'http://tpp.example/ciba' })).toHaveLength(1);
    expect(errorsOf({ ...base, backchannel_token_delivery_mode: 'poll', backchannel_authentication_request_signing_alg: 'RS256' })).toEqual([
      expect.stringMatching(/^backchannel_authentication_request_signing_alg: /),
    ]);
    expect(errorsOf({ ...base, backchannel_token_delivery_mode: 'poll', backchannel_user_code_parameter: true })).toEqual([expect.stringMatching(/^backchannel_user_code_parameter: /)]);
  });

  it('refuses CIBA members without the CIBA grant', () => {
    expect(errorsOf({ ...base, grant_types: ['client_credentials'], backchannel_token_delivery_mode: 'poll' })).toEqual([
      expect.stringMatching(/^backchannel_token_delivery_mode: .*nothing unless grant_types includes/),
    ]);
  });
});
