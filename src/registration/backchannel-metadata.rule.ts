import { CIBA_GRANT_TYPE } from '../clients/backchannel-settings.js';
import { SIGNING_ALGS, type SigningAlg } from '../protocol/signing-algorithms.js';
import type { MetadataRule, MetadataRuleInput } from './metadata-rule.js';
import { gotExpected } from '../shared/describe-value.js';
import { isHttpsUrl } from '../shared/https-url.js';

const DELIVERY_MODES = ['poll', 'ping'];

const problem = (rule: MetadataRuleInput, field: string, value: unknown, expected: string): void => {
  rule.problems.push({ field, message: gotExpected(value, expected) });
};


/**
 * CIBA client metadata (OpenID CIBA Core 1.0 §4; FAPI-CIBA §5.2.2): a client registering the CIBA grant registers
 * `backchannel_token_delivery_mode` `poll` or `ping` (`push` is refused, FAPI-CIBA), and for `ping` an https
 * `backchannel_client_notification_endpoint`; `backchannel_authentication_request_signing_alg` is PS256 or ES256;
 * `backchannel_user_code_parameter` must be false or absent (obas supports no user code). Without the grant these
 * members are refused.
 */
export const backchannelMetadataRule: MetadataRule = (rule) => {
  const grants = rule.input['grant_types'];
  const ciba = Array.isArray(grants) && grants.includes(CIBA_GRANT_TYPE);
  const mode = rule.input['backchannel_token_delivery_mode'];
  const endpoint = rule.input['backchannel_client_notification_endpoint'];
  const alg = rule.input['backchannel_authentication_request_signing_alg'];
  const userCode = rule.input['backchannel_user_code_parameter'];
  if (!ciba) {
    for (const [field, value] of [['backchannel_token_delivery_mode', mode], ['backchannel_client_notification_endpoint', endpoint], ['backchannel_authentication_request_signing_alg', alg]] as const) {
      if (value !== undefined) problem(rule, field, value, `nothing unless grant_types includes ${CIBA_GRANT_TYPE}`);
    }
    return;
  }
  if (typeof mode === 'string' && DELIVERY_MODES.includes(mode)) rule.output['backchannel_token_delivery_mode'] = mode;
  else problem(rule, 'backchannel_token_delivery_mode', mode, 'poll or ping (push is not supported, FAPI-CIBA)');
  if (mode === 'ping') {
    if (isHttpsUrl(endpoint) && endpoint.length <= 2048) rule.output['backchannel_client_notification_endpoint'] = endpoint;
    else problem(rule, 'backchannel_client_notification_endpoint', endpoint, 'an https URL without fragment (required for ping)');
  } else if (endpoint !== undefined) {
    problem(rule, 'backchannel_client_notification_endpoint', endpoint, 'nothing unless backchannel_token_delivery_mode is ping');
  }
  if (alg !== undefined) {
    if (SIGNING_ALGS.includes(alg as SigningAlg)) rule.output['backchannel_authentication_request_signing_alg'] = alg;
    else problem(rule, 'backchannel_authentication_request_signing_alg', alg, `one of ${SIGNING_ALGS.join(', ')}`);
  }
  if (userCode !== undefined && userCode !== false) problem(rule, 'backchannel_user_code_parameter', userCode, 'false (obas supports no user code)');
};
