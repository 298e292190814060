import { assertionClaims, signAssertion } from '../support/assertions.js';
import { PsuHttpClient, csrfOf, oneTimeCodeOf, type PageExchange } from '../support/psu-http.js';
import { postForm } from '../support/tpp-client.js';
import { responseParameters, type AuthorizationFixture } from '../authorization/authorization-fixture.js';

const TOKEN_MEMBERS = ['access_token', 'refresh_token', 'id_token', 'request_uri'];
const POSTED_SECRETS = ['password', 'otp', 'csrf'];
const FORM_SECRETS = ['code', 'code_verifier', 'refresh_token', 'token'];

/** Every credential a journey handled (tokens, codes, assertions, cookies …): none of them may appear in a log line. */
export class CredentialLedger {
  readonly #values = new Set<string>();

  /** Notes credentials; empty and absent values are skipped. */
  add(...values: readonly (string | null | undefined)[]): void {
    for (const value of values) if (value !== undefined && value !== null && value !== '') this.#values.add(value);
  }

  /** Notes the tokens of a token (or PAR) response. */
  addResponse(json: Record<string, unknown>): void {
    this.add(...TOKEN_MEMBERS.map((name) => json[name] as string | undefined));
  }

  get values(): readonly string[] {
    return [...this.#values];
  }
}

/**
 * A PSU browser that writes down every credential it handles: session cookies it is given, CSRF tokens and one-time
 * codes on its pages, the password, code and token fields it posts, and the code and ID token of a redirect to a client.
 */
export class RecordingPsuClient extends PsuHttpClient {
  readonly #ledger: CredentialLedger;

  constructor(issuer: string, caPem: string, ledger: CredentialLedger) {
    super(issuer, caPem);
    this.#ledger = ledger;
  }

  override async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<PageExchange> {
    return this.#noted(await super.get(pathOrUrl, headers));
  }

  override async post(pathOrUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<PageExchange> {
    this.#ledger.add(...POSTED_SECRETS.map((name) => fields[name]));
    return this.#noted(await super.post(pathOrUrl, fields, headers));
  }

  #noted(page: PageExchange): PageExchange {
    this.#ledger.add(...page.headers.getSetCookie().map((line) => line.split(';')[0]?.split('=')[1]));
    if (page.body.includes('name="csrf"')) this.#ledger.add(csrfOf(page));
    if (page.body.includes('id="sandbox-code"')) this.#ledger.add(oneTimeCodeOf(page));
    if (page.location?.startsWith('https://') === true) {
      const response = responseParameters(page.location);
      this.#ledger.add(response.get('code'), response.get('id_token'));
    }
    return page;
  }
}

/** Posts a form to an mTLS endpoint as `tpp-jwt` with a fresh client assertion; notes the assertion and every token answered. */
export async function postAsJwtClient(fixture: AuthorizationFixture, path: string, form: Record<string, string>, ledger: CredentialLedger) {
  const assertion = await signAssertion(fixture.jwt.key, assertionClaims(fixture.jwt.clientId, fixture.server.issuer));
  ledger.add(assertion, ...FORM_SECRETS.map((name) => form[name]));
  const body = new URLSearchParams({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, ...form });
  const response = await postForm(`${fixture.server.mtlsBaseUrl}${path}`, fixture.jwt.agent, body.toString());
  ledger.addResponse(response.json);
  return response;
}
