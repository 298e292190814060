import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { ClientMetadata } from '../storage/ports.js';

/** The CIBA grant type (CIBA Core §4). */
export const CIBA_GRANT_TYPE = 'urn:openid:params:grant-type:ciba';

/** CIBA token delivery modes obas offers: `poll` and `ping` (FAPI-CIBA §5.2.2: no `push`). */
export type BackchannelDeliveryMode = 'poll' | 'ping';

/** A client's CIBA registration (CIBA Core §4). */
export interface BackchannelSettings {
  readonly deliveryMode: BackchannelDeliveryMode;
  /** `backchannel_client_notification_endpoint`: where a ping goes; required for `ping`. */
  readonly notificationEndpoint?: string;
  /** `backchannel_authentication_request_signing_alg`: the alg signed authentication requests must use. */
  readonly requestSigningAlg?: SigningAlg;
  /** `backchannel_user_code_parameter`: obas supports no user code, so always false. */
  readonly userCodeParameter: false;
}

/** The CIBA settings of metadata whose `grant_types` include the CIBA grant; undefined otherwise. */
export function backchannelSettingsOf(metadata: ClientMetadata, grantTypes: ReadonlySet<string>): BackchannelSettings | undefined {
  if (!grantTypes.has(CIBA_GRANT_TYPE)) return undefined;
  const endpoint = metadata['backchannel_client_notification_endpoint'];
  const alg = metadata['backchannel_authentication_request_signing_alg'];
  return {
    deliveryMode: metadata['backchannel_token_delivery_mode'] === 'ping' ? 'ping' : 'poll',
    ...(typeof endpoint === 'string' ? { notificationEndpoint: endpoint } : {}),
    ...(alg === 'PS256' || alg === 'ES256' ? { requestSigningAlg: alg } : {}),
    userCodeParameter: false,
  };
}
