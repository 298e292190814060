import { randomUUID } from 'node:crypto';
import { FlattenedSign } from 'jose';
import { fetch as undiciFetch, type Agent } from 'undici';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { clientCredentialsToken, type AuthorizationFixture, type TppClient } from '../authorization/authorization-fixture.js';
import { validUkConsentBody, type UkVersion } from '../consent/uk-consent-bodies.js';

const OB = 'http://openbanking.org.uk';
const GROUPS: Readonly<Record<UkConsentResource, string>> = {
  'account-access-consents': 'aisp',
  'domestic-payment-consents': 'pisp',
  'domestic-scheduled-payment-consents': 'pisp',
  'domestic-standing-order-consents': 'pisp',
  'funds-confirmation-consents': 'cbpii',
};
const SCOPES: Readonly<Record<string, string>> = { aisp: 'accounts', pisp: 'payments', cbpii: 'fundsconfirmations' };

/** The answer of the consent API, with its body parsed (undefined when empty). */
export interface UkConsentResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
}

/** How {@link createUkConsent} departs from a well-formed request. */
export interface UkConsentOptions {
  /** The access token (default: a fresh client_credentials token of the resource's scope). */
  readonly token?: string;
  /** `x-idempotency-key` (default: a fresh one for payment consents; `null` sends none). */
  readonly idempotencyKey?: string | null;
  /** `x-jws-signature` (default: {@link signUkBody} of the body by the client; `null` sends none). */
  readonly signature?: string | null;
  /** The exact body text (default: JSON of `body`). */
  readonly rawBody?: string;
  /** Extra or replacing request headers. */
  readonly headers?: Record<string, string>;
  /** The agent (default: the client's). */
  readonly agent?: Agent;
}

/** The collection URL of a consent resource on the fixture's mTLS listener (`basePath` `/open-banking`). */
export function ukConsentUrl(fixture: AuthorizationFixture, resource: UkConsentResource, version: UkVersion): string {
  return `${fixture.server.mtlsBaseUrl}/open-banking/${version}/${GROUPS[resource]}/${resource}`;
}

/** The scope a resource's client_credentials token needs. */
export function ukConsentScope(resource: UkConsentResource): string {
  return SCOPES[GROUPS[resource]] ?? 'accounts';
}

/**
 * A detached JWS of `body` as a TPP signs it (UK OB read/write profile v3.1.4+: base64url payload, no `b64`, `crit`
 * with the three openbanking.org.uk claims), with the client's key; `header` overrides or removes (undefined) members.
 */
export async function signUkBody(client: TppClient, body: string, header: Record<string, unknown> = {}): Promise<string> {
  const protectedHeader = Object.fromEntries(
    Object.entries({
      alg: client.key.publicJwk.alg ?? 'PS256',
      kid: client.key.kid,
      typ: 'JOSE',
      cty: 'application/json',
      [`${OB}/iat`]: Math.floor(Date.now() / 1000) - 1,
      [`${OB}/iss`]: client.clientId,
      [`${OB}/tan`]: 'openbanking.org.uk',
      crit: [`${OB}/iat`, `${OB}/iss`, `${OB}/tan`],
      ...header,
    }).filter(([, value]) => value !== undefined),
  );
  const crit = Object.fromEntries(((protectedHeader['crit'] as string[] | undefined) ?? []).map((name) => [name, true]));
  const signed = await new FlattenedSign(new TextEncoder().encode(body))
    .setProtectedHeader(protectedHeader as { alg: string })
    .sign(client.key.privateKey, { crit });
  return `${signed.protected ?? ''}..${signed.signature}`;
}

/**
 * Creates a UK consent as a TPP does: a client_credentials token of the resource's scope, the body (default: a valid
 * one for `now`) signed with the client's key, an `x-idempotency-key` for payment consents; POSTs it over the client's
 * certificate and resolves the parsed answer.
 */
export async function createUkConsent(
  fixture: AuthorizationFixture,
  client: TppClient,
  resource: UkConsentResource,
  version: UkVersion,
  body: unknown = validUkConsentBody(resource, version, new Date()),
  options: UkConsentOptions = {},
): Promise<UkConsentResponse> {
  const token = options.token ?? (await clientCredentialsToken(fixture, client, ukConsentScope(resource)));
  const text = options.rawBody ?? JSON.stringify(body);
  const signature = options.signature === undefined ? await signUkBody(client, text) : options.signature;
  const idempotencyKey = options.idempotencyKey === undefined ? (GROUPS[resource] === 'pisp' ? randomUUID() : null) : options.idempotencyKey;
  return ukConsentRequest(ukConsentUrl(fixture, resource, version), options.agent ?? client.agent, {
    method: 'POST',
    body: text,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(signature === null ? {} : { 'x-jws-signature': signature }),
      ...(idempotencyKey === null ? {} : { 'x-idempotency-key': idempotencyKey }),
      ...options.headers,
    },
  });
}

/** Sends one request to the consent API and resolves the status, headers, body text and parsed JSON. */
export async function ukConsentRequest(
  url: string,
  agent: Agent,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<UkConsentResponse> {
  const response = await undiciFetch(url, { ...init, dispatcher: agent });
  const text = await response.text();
  return { status: response.status, headers: response.headers as unknown as Headers, text, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}
