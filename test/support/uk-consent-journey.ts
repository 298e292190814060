import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { fetch as undiciFetch } from 'undici';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { clientCredentialsToken, postAs, type AuthorizationFixture, type TppClient } from '../authorization/authorization-fixture.js';
import type { UkVersion } from '../consent/uk-consent-bodies.js';
import { postForm } from './tpp-client.js';
import { ukConsentRequest, ukConsentScope, ukConsentUrl, type UkConsentResponse } from './uk-consent-client.js';

/** The `Data.Status` a UK consent shows per release, by lifecycle status (see `src/consent/uk/uk-consent-status.ts`). */
export const UK_STATUS = {
  'v3.1': { awaiting: 'AwaitingAuthorisation', authorised: 'Authorised', rejected: 'Rejected', revoked: 'Revoked', accessExpired: 'Revoked', consumed: 'Consumed' },
  'v4.0': { awaiting: 'AWAU', authorised: 'AUTH', rejected: 'RJCT', revoked: 'CANC', accessExpired: 'EXPD', consumed: 'COND' },
} as const satisfies Record<UkVersion, Record<string, string>>;

/** `GET` or `DELETE` of one UK consent as `client` (a fresh client_credentials token of the resource's scope). */
export async function ukConsentCall(
  fixture: AuthorizationFixture,
  method: 'GET' | 'DELETE',
  resource: UkConsentResource,
  version: UkVersion,
  consentId: string,
  client: TppClient = fixture.a,
): Promise<UkConsentResponse> {
  const token = await clientCredentialsToken(fixture, client, ukConsentScope(resource));
  return ukConsentRequest(`${ukConsentUrl(fixture, resource, version)}/${consentId}`, client.agent, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
}

/** The `Data` of a UK consent as `GET` shows it to its TPP (throws unless 200). */
export async function ukConsentData(fixture: AuthorizationFixture, resource: UkConsentResource, version: UkVersion, consentId: string): Promise<Record<string, unknown>> {
  const response = await ukConsentCall(fixture, 'GET', resource, version, consentId);
  if (response.status !== 200) throw new Error(`GET consent answered ${response.status}: ${response.text}`);
  return response.json?.['Data'] as Record<string, unknown>;
}

/** RFC 7662 introspection by the configured resource server `rs-1` (recognised by its certificate, no client auth). */
export async function introspectAsResourceServer(fixture: AuthorizationFixture, token: string): Promise<Record<string, unknown>> {
  const response = await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.resourceServer, new URLSearchParams({ token }).toString());
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}: ${JSON.stringify(response.json)}`);
  return response.json;
}

/** `POST /resource-server/consents/{id}/consume` as the resource server; resolves status and parsed body. */
export async function consumeAsResourceServer(fixture: AuthorizationFixture, consentId: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await undiciFetch(`${fixture.server.mtlsBaseUrl}/resource-server/consents/${encodeURIComponent(consentId)}/consume`, {
    method: 'POST',
    dispatcher: fixture.resourceServer,
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** A refresh_token grant request of `client`; resolves the raw response. */
export function refreshAs(fixture: AuthorizationFixture, refreshToken: string, client: TppClient = fixture.a) {
  return postAs(fixture, '/token', client, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** Verifies an ID token of obas for `client` against the published JWKS; resolves its claims. */
export async function verifiedIdToken(fixture: AuthorizationFixture, idToken: string, client: TppClient = fixture.a): Promise<JWTPayload> {
  const jwks = (await (await undiciFetch(`${fixture.server.issuer}/jwks`, { dispatcher: client.agent })).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), { issuer: fixture.server.issuer, audience: client.clientId });
  return payload;
}
