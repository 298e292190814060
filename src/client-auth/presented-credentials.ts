import { invalidClient, invalidRequest } from '../errors/error-factories.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import type { PresentedCredentials } from './client-authenticator.js';
import { BASIC_CHALLENGE } from './basic-challenge.js';

/** RFC 7523 §2.2 client assertion type. */
const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The form parameters that carry client credentials; every endpoint that authenticates clients accepts them. */
export const CLIENT_AUTH_PARAMETERS: ReadonlySet<string> = new Set([
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
]);

const CLIENT_ID = /^[\x21-\x7E]{1,128}$/;

/** What the transport carried besides the form: the Authorization header and the client certificate. */
export interface CredentialSources {
  readonly form: FormParameters;
  readonly authorization: string | undefined;
  readonly certificate: ClientCertificate | undefined;
}

/**
 * Finds the one set of client credentials in a request. More than one method → `invalid_request`
 * (RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request").
 */
export function extractCredentials(sources: CredentialSources): PresentedCredentials {
  const { form, authorization, certificate } = sources;
  const basic = authorization !== undefined && /^basic /i.test(authorization);
  const post = form.has('client_secret');
  const jwt = form.has('client_assertion') || form.has('client_assertion_type');
  if (Number(basic) + Number(post) + Number(jwt) > 1) {
    throw invalidRequest('More than one client authentication method was used', 'client_auth_ambiguous');
  }
  const formClientId = form.get('client_id');
  if (formClientId !== undefined && !CLIENT_ID.test(formClientId)) throw invalidRequest('The client_id parameter is malformed');
  const withCertificate = certificate === undefined ? {} : { certificate };

  if (basic) {
    const { clientId, secret } = decodeBasic(authorization);
    if (formClientId !== undefined && formClientId !== clientId) {
      throw invalidRequest('client_id does not match the Authorization header');
    }
    return { method: 'client_secret_basic', clientId, secret, ...withCertificate };
  }
  if (post) {
    if (formClientId === undefined) throw invalidClient('client_id is required with client_secret', 'parameter_missing');
    return { method: 'client_secret_post', clientId: formClientId, secret: form.get('client_secret') ?? '', ...withCertificate };
  }
  if (jwt) {
    const assertion = form.get('client_assertion');
    if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
      throw invalidClient(`client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}`, 'assertion_malformed');
    }
    if (assertion === undefined || assertion === '') throw invalidClient('client_assertion is required', 'assertion_claim_missing');
    const clientId = formClientId ?? assertionSubject(assertion);
    return { method: 'private_key_jwt', clientId, assertion, ...withCertificate };
  }
  if (formClientId === undefined) throw invalidClient('Client authentication is required', 'client_auth_missing');
  return { method: 'tls', clientId: formClientId, ...withCertificate };
}

function decodeBasic(authorization: string): { clientId: string; secret: string } {
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const malformed = () =>
    invalidClient('The Authorization header is malformed', 'client_auth_missing', { headers: BASIC_CHALLENGE });
  if (colon <= 0) throw malformed();
  try {
    const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    if (!CLIENT_ID.test(clientId) || secret.length > 512) throw malformed();
    return { clientId, secret };
  } catch {
    throw malformed();
  }
}

function assertionSubject(assertion: string): string {
  const payload = assertion.split('.')[1];
  const malformed = () => invalidClient('client_assertion is not a JWT', 'assertion_malformed');
  if (payload === undefined) throw malformed();
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  const subject = (claims as { sub?: unknown } | null)?.sub;
  if (typeof subject !== 'string' || !CLIENT_ID.test(subject)) {
    throw invalidClient('client_assertion has no usable sub claim', 'assertion_claim_missing');
  }
  return subject;
}
