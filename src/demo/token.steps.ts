import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { isRecord } from '../shared/is-record.js';
import type { DemoSession } from './demo-session.js';
import type { StepResult } from './step-runner.js';
import { expectAnswer, problemOf, stringMember, type TppHttpClient } from './tpp-http-client.js';

/** The registered demo client: its id and its connection to the mutual-TLS listener. */
export interface DemoClient {
  readonly clientId: string;
  readonly http: TppHttpClient;
  /** RFC 8705 §3.1 `x5t#S256` of its certificate: what its tokens must be bound to. */
  readonly thumbprint: string;
}

/** The bank's resource server, recognised by its certificate (configuration `resourceServers`). */
export interface ResourceServerClient {
  readonly name: string;
  readonly http: TppHttpClient;
}

/** The PSU's tokens as the client holds them. */
export interface PsuTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** Step 4: a client_credentials token (RFC 6749 §4.4) over the TPP's certificate. */
export async function clientCredentialsToken(session: DemoSession, client: DemoClient): Promise<StepResult<string>> {
  const scope = session.profile.clientCredentialsScope;
  const answer = await client.http.postForm(ENDPOINT_PATHS.token, { grant_type: 'client_credentials', client_id: client.clientId, scope });
  const body = expectAnswer(answer, 200);
  return { value: stringMember(body, 'access_token'), detail: `${String(body['token_type'])} token, scope "${String(body['scope'])}", ${String(body['expires_in'])} s` };
}

/** Step 7: the authorization code exchanged with its PKCE verifier (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export async function exchangeCode(client: DemoClient, redirectUri: string, code: string, verifier: string): Promise<StepResult<PsuTokens>> {
  const answer = await client.http.postForm(ENDPOINT_PATHS.token, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
  });
  const body = expectAnswer(answer, 200);
  const tokens = { accessToken: stringMember(body, 'access_token'), refreshToken: stringMember(body, 'refresh_token') };
  const idToken = typeof body['id_token'] === 'string' ? ', an ID token' : '';
  return { value: tokens, detail: `access token (scope "${String(body['scope'])}", ${String(body['expires_in'])} s), a refresh token${idToken}` };
}

/**
 * Step 8: introspection (RFC 7662) of the PSU's access token as the bank's resource server would: with the resource
 * server certificate when the demo configured one, else as the client (a client sees its own tokens). The token must
 * be active, bound to the TPP's certificate (RFC 8705 §3.2) and carry its authorised consent. Resolves the consent id.
 */
export async function introspectAccessToken(client: DemoClient, resourceServer: ResourceServerClient | undefined, accessToken: string): Promise<StepResult<string>> {
  const answer =
    resourceServer === undefined
      ? await client.http.postForm(ENDPOINT_PATHS.introspection, { client_id: client.clientId, token: accessToken })
      : await resourceServer.http.postForm(ENDPOINT_PATHS.introspection, { token: accessToken });
  const body = expectAnswer(answer, 200);
  if (body['active'] !== true) throw new Error('the access token is not active');
  const binding = isRecord(body['cnf']) ? body['cnf']['x5t#S256'] : undefined;
  if (binding !== client.thumbprint) throw new Error(`the token is bound to ${String(binding)}, not to the TPP certificate ${client.thumbprint}`);
  const consent = isRecord(body['consent']) ? body['consent'] : {};
  const consentId = stringMember(consent, 'id');
  if (consent['status'] !== 'Authorised') throw new Error(`consent ${consentId} is ${String(consent['status'])}, not Authorised`);
  const who = resourceServer === undefined ? 'as the client' : `as resource server ${resourceServer.name}`;
  return { value: consentId, detail: `${who}: active, sub ${String(body['sub'])}, bound to the TPP certificate, consent ${consentId} Authorised` };
}

/** Step 9: a refresh (RFC 6749 §6). Resolves the refresh token to use next: the new one when the profile rotates them. */
export async function refreshTokens(client: DemoClient, refreshToken: string): Promise<StepResult<string>> {
  const body = expectAnswer(await refresh(client, refreshToken), 200);
  stringMember(body, 'access_token');
  const rotated = typeof body['refresh_token'] === 'string' && body['refresh_token'] !== refreshToken;
  return {
    value: rotated ? String(body['refresh_token']) : refreshToken,
    detail: `a new access token; the refresh token ${rotated ? 'rotated' : 'kept'}`,
  };
}

/**
 * Step 11: the refresh after the PSU revoked the consent must fail with `invalid_grant` and the profile's reason code
 * for `consent_revoked` (docs/errors.md) at the start of `error_description`.
 */
export async function refreshRefused(session: DemoSession, client: DemoClient, refreshToken: string): Promise<StepResult<void>> {
  const answer = await refresh(client, refreshToken);
  const description = String(answer.json['error_description'] ?? '');
  const prefix = session.profile.revokedConsentPrefix;
  const reasoned = prefix === '' ? !/^[A-Z0-9]{4} \S+: /.test(description) : description.startsWith(prefix);
  if (answer.status !== 400 || answer.json['error'] !== 'invalid_grant' || !reasoned) {
    const expected = prefix === '' ? 'no reason code' : `"${prefix}"`;
    throw new Error(`expected 400 invalid_grant with ${expected}, got ${answer.status}: ${problemOf(answer)}`);
  }
  return { value: undefined, detail: `${answer.status} invalid_grant: ${description}` };
}

function refresh(client: DemoClient, refreshToken: string) {
  return client.http.postForm(ENDPOINT_PATHS.token, { grant_type: 'refresh_token', client_id: client.clientId, refresh_token: refreshToken });
}
