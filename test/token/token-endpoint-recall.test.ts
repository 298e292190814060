import { describe, expect, it } from 'vitest';
import { instrumentTokenService } from '../../src/app/instrumented-token-service.js';
import type { TokenService } from '../../src/app/token-service.js';
import type { AuthenticateClient, ClientAuthenticationOptions } from '../../src/client-auth/client-authentication.js';
import { createTokenEndpoint } from '../../src/endpoints/token.endpoint.js';
import { invalidClient } from '../../src/errors/error-factories.js';
import { createClientCredentialsGrant } from '../../src/grants/client-credentials.grant.js';
import type { GrantHandler } from '../../src/grants/grant-handler.js';
import { createObasMetrics } from '../../src/metrics/obas-metrics.js';
import type { EndpointRequest } from '../../src/protocol/endpoint.types.js';

const never = (): never => {
  throw new Error('not reached: the authentication below refuses every request');
};
const codeGrant: GrantHandler = { grantType: 'authorization_code', parameters: new Set(['code']), handle: never };
const clientCredentials = createClientCredentialsGrant(never);

/** The options each token request asked client authentication for; the authentication refuses, so nothing runs after it. */
async function recallAsked(grantType: string, headers: Record<string, string> = {}): Promise<ClientAuthenticationOptions | undefined> {
  let asked: ClientAuthenticationOptions | undefined;
  const authenticate: AuthenticateClient = async (_sources, _now, options) => {
    asked = options;
    throw invalidClient('refused by the test', 'client_unknown');
  };
  const endpoint = createTokenEndpoint(authenticate, [clientCredentials, codeGrant], never);
  const request: EndpointRequest = {
    method: 'POST',
    url: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    form: new Map([['grant_type', grantType], ['client_id', 'tpp']]),
    now: new Date(),
    interactionId: 'test',
    audit: () => undefined,
  };
  await expect(endpoint(request)).rejects.toMatchObject({ code: 'invalid_client' });
  return asked;
}

describe('which token requests may run on a remembered client record', () => {
  it('client_credentials without a DPoP proof: yes', async () => {
    expect(await recallAsked('client_credentials')).toStrictEqual({ recall: true });
  });

  it('client_credentials with a DPoP proof, whose jti it spends: no', async () => {
    expect(await recallAsked('client_credentials', { dpop: 'a.b.c' })).toStrictEqual({ recall: false });
  });

  it('a grant that changes state before issuing (a code is redeemed): no', async () => {
    expect(await recallAsked('authorization_code')).toStrictEqual({ recall: false });
  });

  it('the grants counted for metrics keep the flag that allows it', () => {
    const service = { authenticateClient: never, grants: [clientCredentials, codeGrant] } as unknown as TokenService;
    const counted = instrumentTokenService(service, createObasMetrics()).grants;
    expect(counted.map((grant) => grant.changesNothingBeforeIssuing)).toStrictEqual([true, undefined]);
  });
});
