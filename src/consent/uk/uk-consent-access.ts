import { clientAccessToken, type ClientTokenAccess } from '../bearer-access.js';
import type { ConsentLifecycle } from '../consent-lifecycle.js';
import type { EndpointRequest } from '../../protocol/endpoint.types.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { AccessTokenRecord, ConsentRecord, UkApiVersion } from '../../storage/ports.js';
import type { UkConsentResourceSpec } from './uk-consent-api.js';
import { UK_CONSENT_KINDS } from './uk-consent-resource.js';

/** One consent API route: the resource, the release, and where its collection lives. */
export interface UkConsentRoute {
  readonly spec: UkConsentResourceSpec;
  readonly version: UkApiVersion;
  /** Absolute URL of the resource collection on the mTLS listener; `Links.Self` is it plus `/{ConsentId}`. */
  readonly collectionUrl: string;
}

/**
 * The caller's client_credentials access token (RFC 6750 §2.1, bound to the presented certificate, RFC 8705 §3, or
 * to a DPoP key, RFC 9449 §7),
 * which must carry the resource's scope: missing or invalid → 401; another scope → 403 (read/write data API profile,
 * "403 (Forbidden)": a token without the appropriate scope).
 */
export async function ukClientToken(request: EndpointRequest, access: ClientTokenAccess, spec: UkConsentResourceSpec): Promise<AccessTokenRecord> {
  const token = await clientAccessToken(request, access);
  if (!token.scope.split(' ').includes(spec.scope)) {
    throw new OAuthError('insufficient_scope', `The ${spec.resource} resource needs an access token with the ${spec.scope} scope`, {
      reason: 'access_token_scope',
      headers: { 'www-authenticate': `Bearer realm="obas", error="insufficient_scope", scope="${spec.scope}"` },
    });
  }
  return token;
}

/**
 * The consent named in the path, when it is the caller's (another client's → 403) and a consent of this resource
 * created through this release: an unknown id, or one of another resource or release, is 400 U011
 * UK.OBIE.Resource.NotFound (read/write data API profile, "400 (Bad Request) v/s 404 (Not Found)").
 */
export async function ownedUkConsent(consents: ConsentLifecycle, request: EndpointRequest, route: UkConsentRoute, clientId: string): Promise<ConsentRecord> {
  const consentId = request.params?.['ConsentId'] ?? '';
  const consent = await consents.findOwned(consentId, clientId, request.now);
  if (consent.kind === UK_CONSENT_KINDS[route.spec.resource] && consent.apiVersion === route.version) return consent;
  const message = `No ${route.spec.resource} resource of ${route.version} has this ConsentId`;
  throw new OAuthError('invalid_request', message, { reason: 'consent_unknown', fields: [{ reason: 'consent_unknown', message, path: 'ConsentId' }] });
}
