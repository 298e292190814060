import { createHash, createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import type { IssuedCertificate } from '../pki/tpp-certificate.js';
import { isRecord } from '../shared/is-record.js';
import type { DemoSession } from './demo-session.js';
import { formData } from './html-forms.js';
import { formWith, PsuBrowser } from './psu-browser.js';
import { expectRedirect, signInAsPsu } from './psu-sign-in.js';
import type { StepResult } from './step-runner.js';
import type { DemoClient } from './token.steps.js';
import { expectAnswer, stringMember } from './tpp-http-client.js';

/** The authorization request the TPP is about to push, and the PKCE verifier it keeps (RFC 7636 §4.1). */
export interface AuthorizationPlan {
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly verifier: string;
}

/** The UK OB account access consent the demo stages: read the accounts and their balances. */
const ACCOUNT_ACCESS_CONSENT = { Data: { Permissions: ['ReadAccountsBasic', 'ReadBalances'] }, Risk: {} };
const ACCOUNT_ACCESS_PATH = '/open-banking/v3.1/aisp/account-access-consents';
const UK_SCA_ACR = 'urn:openbanking:psd2:sca';

/**
 * Step 5: the consent. UK OB stages it first at the account access consent resource with the client_credentials
 * token, and the authorization request names it in `claims` (`openbanking_intent_id`, essential, with the SCA acr);
 * FAPI 2.0 and STET stage nothing: the PSU's approval records the consent. Either way the step prepares the request.
 */
export async function prepareConsent(session: DemoSession, client: DemoClient, accessToken: string): Promise<StepResult<AuthorizationPlan>> {
  const verifier = randomBytes(32).toString('base64url');
  const parameters: Record<string, unknown> = {
    client_id: client.clientId,
    redirect_uri: session.redirectUri,
    response_type: session.profile.responseType,
    scope: session.profile.authorizationScope,
    state: randomUUID(),
    nonce: randomUUID(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  if (!session.profile.stagesConsent) {
    return { value: { parameters, verifier }, detail: `nothing to stage in ${session.profile.name}: the PSU's approval will record the consent` };
  }
  const staged = expectAnswer(await client.http.postJson(ACCOUNT_ACCESS_PATH, ACCOUNT_ACCESS_CONSENT, accessToken), 201);
  const data = isRecord(staged['Data']) ? staged['Data'] : {};
  const intentId = stringMember(data, 'ConsentId');
  parameters['claims'] = { id_token: { openbanking_intent_id: { value: intentId, essential: true }, acr: { essential: true, values: [UK_SCA_ACR] } } };
  return {
    value: { parameters, verifier },
    detail: `POST ${ACCOUNT_ACCESS_PATH}: ConsentId ${intentId}, ${String(data['Status'])}, ${ACCOUNT_ACCESS_CONSENT.Data.Permissions.join(' ')}`,
  };
}

/**
 * Step 6: the pushed authorization request (RFC 9126; a request object signed with the software key in UK OB, RFC
 * 9101), then the PSU at the front channel through the real pages: login, one-time code, consent with the first
 * account ticked, Allow. Resolves the authorization code from the redirect to the TPP.
 */
export async function authorizeThroughPages(session: DemoSession, client: DemoClient, certificate: IssuedCertificate, plan: AuthorizationPlan): Promise<StepResult<string>> {
  const { target, profile } = session;
  const pushed = profile.signsRequestObject
    ? { client_id: client.clientId, request: await signRequestObject(session, client.clientId, certificate, plan.parameters) }
    : formOf(plan.parameters);
  const answer = expectAnswer(await client.http.postForm(ENDPOINT_PATHS.pushedAuthorizationRequest, pushed), 201);
  const query = new URLSearchParams({ client_id: client.clientId, request_uri: stringMember(answer, 'request_uri') });
  const browser = new PsuBrowser(target.issuer, session.transport({ caPem: target.devCa.certPem }));
  const start = await browser.open(`${target.issuer}${ENDPOINT_PATHS.authorization}?${query.toString()}`);
  responseOf(start.location, session.redirectUri);
  const consentPage = await signInAsPsu(browser, await browser.follow(expectRedirect(start, 'the authorization request')), session.psu, (secret) => session.redactor.remember(secret));
  const consentForm = formWith(consentPage, (form) => form.controls.some((control) => control.name === 'decision'));
  const account = consentForm.controls.find((control) => control.type === 'checkbox' || control.type === 'radio');
  const ticked = account?.id === undefined ? [] : [account.id];
  const decided = await browser.submit(consentPage, consentForm, formData(consentForm, {}, ticked, { name: 'decision', value: 'allow' }));
  const response = responseOf(expectRedirect(decided, 'the consent').location, session.redirectUri);
  if (response === undefined) throw new Error(`the consent page sent the PSU to ${String(decided.location)}, not back to the TPP`);
  if (response.get('state') !== plan.parameters['state']) throw new Error('the authorization response carries another state');
  const code = response.get('code');
  if (code === null) throw new Error('the authorization response carries no code');
  const issuer = response.get('iss');
  if (issuer !== null && issuer !== target.issuer) throw new Error(`the authorization response names issuer ${issuer}, not ${target.issuer}`);
  return {
    value: code,
    detail: `PAR 201 (request_uri, ${String(answer['expires_in'])} s); ${session.psu.username} logged in, typed the one-time code, ticked ${account?.value ?? 'no account'}, allowed → code`,
  };
}

/** The parameters of a redirect to the TPP (query or fragment), undefined for a redirect elsewhere; an authorization error throws. */
function responseOf(location: string | undefined, redirectUri: string): URLSearchParams | undefined {
  if (location === undefined || !location.startsWith(redirectUri)) return undefined;
  const url = new URL(location);
  const response = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
  const error = response.get('error');
  if (error !== null) throw new Error(`the authorization server answered ${error} (${response.get('error_description') ?? 'no description'})`);
  return response;
}

/** A request object (RFC 9101 §4) signed with the software key of the SSA's `software_jwks`. */
function signRequestObject(session: DemoSession, clientId: string, certificate: IssuedCertificate, parameters: Readonly<Record<string, unknown>>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...parameters, iss: clientId, aud: session.target.issuer, nbf: now, iat: now, exp: now + 300, jti: randomUUID() })
    .setProtectedHeader({ alg: certificate.publicJwk.alg ?? 'ES256', kid: certificate.publicJwk.kid ?? '', typ: 'oauth-authz-req+jwt' })
    .sign(createPrivateKey(certificate.keyPem));
}

/** Form values of request parameters: objects (`claims`) as JSON. */
function formOf(parameters: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
}
