import type { ProfileName } from '../protocol/profile-name.js';
import { PROFILES } from '../config/profiles/profile-registry.js';
import { describeWithReason } from '../errors/reason-catalogue.js';

/** How the demo TPP behaves in one ecosystem. */
export interface DemoProfile {
  readonly name: ProfileName;
  /** `scope` of the registration request. */
  readonly registrationScope: string;
  /** The scope of the client_credentials token (UK OB: the one that stages the consent). */
  readonly clientCredentialsScope: string;
  /** The scope the PSU authorizes. */
  readonly authorizationScope: string;
  readonly responseType: string;
  /** RFC 7591 JSON, or a request signed by the TPP (UK OB DCR v3.3, `application/jose`). */
  readonly registrationFormat: 'json' | 'jwt';
  /** UK OB: the consent is staged at the account access consent resource before the PSU sees it. */
  readonly stagesConsent: boolean;
  /** The pushed request is a signed request object (RFC 9101) rather than plain parameters. */
  readonly signsRequestObject: boolean;
  /** How `error_description` starts when a refresh meets a revoked consent (empty: no reason code in this profile). */
  readonly revokedConsentPrefix: string;
}

/** The scopes of each ecosystem's account-information journey (UK OB read/write, STET PSD2 API v1.6 part 3). */
const SCOPES: Readonly<Record<ProfileName, Pick<DemoProfile, 'registrationScope' | 'clientCredentialsScope' | 'authorizationScope'>>> = {
  fapi2: { registrationScope: 'openid accounts', clientCredentialsScope: 'accounts', authorizationScope: 'openid accounts' },
  'uk-ob': { registrationScope: 'openid accounts', clientCredentialsScope: 'accounts', authorizationScope: 'openid accounts' },
  stet: { registrationScope: 'aisp pisp', clientCredentialsScope: 'pisp', authorizationScope: 'aisp' },
};

/** The demo's behaviour in `name`, from the shipped profile's settings and reason catalogue. */
export function demoProfile(name: ProfileName): DemoProfile {
  const settings = PROFILES[name];
  return {
    name,
    ...SCOPES[name],
    responseType: settings.authorization.responseTypes[0] ?? 'code',
    registrationFormat: settings.registration.requestFormat,
    stagesConsent: name === 'uk-ob',
    signsRequestObject: settings.authorization.requireSignedRequestObject,
    revokedConsentPrefix: describeWithReason('', 'consent_revoked', settings.reasonCodeDialect).trimEnd(),
  };
}
