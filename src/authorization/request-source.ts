import { CLIENT_AUTH_PARAMETERS } from '../client-auth/presented-credentials.js';
import type { AuthorizationSettings } from './authorization-settings.js';
import type { FormParameters } from '../protocol/endpoint.types.js';
import { invalidRequest } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Client } from '../clients/client.js';
import type { PushedRequestRepository } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import type { AuthorizationParameters } from './authorization-request.validator.js';
import type { VerifyRequestObject } from './request-object.js';

/** RFC 9126 §2.2: the URN prefix of request URIs obas issues. */
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** Authorization request parameters and whether they came signed (RFC 9101). */
export interface ResolvedParameters {
  readonly parameters: AuthorizationParameters;
  readonly signed: boolean;
}

/** What resolving the request source needs. */
export interface RequestSourceDependencies {
  readonly settings: AuthorizationSettings;
  readonly verifyRequestObject: VerifyRequestObject;
  readonly pushedRequests: PushedRequestRepository;
}

/**
 * Where the authorization endpoint's parameters come from: a pushed request named by `request_uri` (RFC 9126 §4:
 * single use, the pushing client's only; only its parameters count), a request object in `request` (RFC 9101 §5;
 * only its claims count, FAPI 1.0 Advanced §5.2.2-10), or the query itself. The profile may insist on PAR (FAPI 2.0
 * SP §5.3.1.2-2) or on signed request objects (FAPI 1.0 Advanced §5.2.2-1). Errors here go to an error page.
 */
export async function authorizationEndpointParameters(
  query: FormParameters,
  client: Client,
  dependencies: RequestSourceDependencies,
  now: Date,
): Promise<ResolvedParameters> {
  const requestUri = query.get('request_uri');
  const requestObject = query.get('request');
  if (requestUri !== undefined && requestObject !== undefined) {
    throw invalidRequest('Use request or request_uri, not both', 'parameter_invalid');
  }
  let resolved: ResolvedParameters;
  if (requestUri !== undefined) {
    const pushed = requestUri.startsWith(REQUEST_URI_PREFIX)
      ? await dependencies.pushedRequests.consume(hashToken(requestUri), client.clientId, now)
      : undefined;
    if (pushed === undefined) {
      throw new OAuthError('invalid_request_uri', 'The request_uri is unknown, expired, already used, or was pushed by another client', {
        reason: 'request_uri_invalid',
      });
    }
    resolved = { parameters: new Map(Object.entries(pushed.parameters)), signed: pushed.signed };
  } else if (dependencies.settings.requirePushedRequests) {
    throw invalidRequest('Authorization requests must be pushed first (PAR, RFC 9126)', 'par_required');
  } else if (requestObject !== undefined) {
    resolved = { parameters: await dependencies.verifyRequestObject(requestObject, client, now), signed: true };
  } else {
    resolved = { parameters: query, signed: false };
  }
  requireSignedWhenProfileDoes(resolved, dependencies.settings);
  return resolved;
}

/**
 * The parameters of a pushed authorization request (RFC 9126 §2.1): a request object in `request` (only its claims
 * count), or the form without the client authentication parameters. `request_uri` may not be pushed.
 */
export async function pushedRequestParameters(
  form: FormParameters,
  client: Client,
  dependencies: Pick<RequestSourceDependencies, 'settings' | 'verifyRequestObject'>,
  now: Date,
): Promise<ResolvedParameters> {
  if (form.has('request_uri')) throw invalidRequest('request_uri cannot be pushed (RFC 9126 section 2.1)');
  const requestObject = form.get('request');
  const resolved =
    requestObject === undefined
      ? { parameters: formParameters(form, client.clientId), signed: false }
      : { parameters: await dependencies.verifyRequestObject(requestObject, client, now), signed: true };
  requireSignedWhenProfileDoes(resolved, dependencies.settings);
  return resolved;
}

/** The form minus client credentials; `client_id` is the authenticated client's, whichever way it authenticated. */
function formParameters(form: FormParameters, clientId: string): Map<string, string> {
  const parameters = new Map([...form].filter(([name]) => !CLIENT_AUTH_PARAMETERS.has(name)));
  parameters.set('client_id', clientId);
  return parameters;
}

function requireSignedWhenProfileDoes(resolved: ResolvedParameters, settings: AuthorizationSettings): void {
  if (settings.requireSignedRequestObject && !resolved.signed) {
    throw invalidRequest('The authorization request must be a signed request object (RFC 9101)', 'request_object_required');
  }
}
