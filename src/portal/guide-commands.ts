/** Where the commands of the guide send their requests: the running server's own addresses. */
export interface GuideAddresses {
  /** The issuer: the front channel's base URL. */
  readonly issuer: string;
  /** The mutual-TLS listener's base URL. */
  readonly mtlsBaseUrl: string;
  /** `consents.basePath`: where the UK OB consent resources live on the mTLS listener. */
  readonly consentsBasePath: string;
}

const CA = '--cacert .obas/pki/dev-ca.pem';
const TPP = `curl ${CA} --cert tpp/tpp.pem --key tpp/tpp.key`;
const RS = `curl ${CA} --cert rs/tpp.pem --key rs/tpp.key`;

/**
 * The shell commands of the developer guide, the same in every language: the README's walkthroughs with this
 * server's addresses. `# →` lines show what comes back. Keys name them in the guide texts.
 */
export function guideCommands(at: GuideAddresses) {
  const mtls = at.mtlsBaseUrl;
  const accountAccess = `${mtls}${at.consentsBasePath}/v3.1/aisp/account-access-consents`;
  return {
    issueTpp: `npx obas pki issue-tpp --org "Example TPP" --org-id PSDGB-FCA-123456 --cn my-tpp --roles PSP_AI,PSP_PI --out ./tpp`,
    issueRs: `npx obas pki issue-tpp --org "Example Bank" --cn accounts-api --out ./rs`,
    issueSsa: `npx obas ssa issue --org PSDGB-FCA-123456 --software-id my-tpp --roles AISP,PISP \\
    --redirect-uri https://tpp.example/cb --jwks-file ./tpp/jwks.json > ssa.jwt`,
    registerJson: `${TPP} -H 'content-type: application/json' \\
     -d '{"software_statement":"'"$(cat ssa.jwt)"'","token_endpoint_auth_method":"tls_client_auth","grant_types":["client_credentials"],"scope":"accounts payments"}' \\
     ${mtls}/register
# → 201 {"client_id":"…","registration_access_token":"…","registration_client_uri":"${mtls}/register/…",…}`,
    registerSigned: `npx obas ssa sign-request --ssa ssa.jwt --key tpp/tpp.key \\
    --metadata '{"token_endpoint_auth_method":"tls_client_auth","grant_types":["client_credentials"],"scope":"accounts"}' > request.jwt
${TPP} -H 'content-type: application/jose' \\
     --data-binary @request.jwt ${mtls}/register`,
    manageRegistration: `${TPP} -H "authorization: Bearer <registration_access_token>" ${mtls}/register/<client_id>
${TPP} -X DELETE -H "authorization: Bearer <registration_access_token>" ${mtls}/register/<client_id>`,
    clientCredentials: `${TPP} \\
     -d grant_type=client_credentials -d client_id=<client_id> -d scope=accounts ${mtls}/token
# → {"access_token":"…","token_type":"Bearer","expires_in":…,"scope":"accounts"}`,
    introspectOwn: `${TPP} -d client_id=<client_id> -d token=<access_token> ${mtls}/introspect`,
    codeFlowClient: `clients:
  - client_id: my-tpp
    client_name: My Budgeting App
    token_endpoint_auth_method: tls_client_auth
    tls_client_auth_subject_dn: "CN=my-tpp,organizationIdentifier=PSDGB-FCA-…,O=Example TPP,C=GB"
    grant_types: [authorization_code, refresh_token, client_credentials]
    redirect_uris: [https://localhost/callback]
    scope: openid accounts`,
    pkce: `VERIFIER=$(openssl rand -base64 48 | tr -d '=+/\\n')
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')`,
    pushedRequest: `${TPP} ${mtls}/par -d client_id=my-tpp -d response_type=code -d scope="openid accounts" \\
     -d redirect_uri=https://localhost/callback -d code_challenge=$CHALLENGE -d code_challenge_method=S256 -d state=s1
# → {"request_uri":"urn:ietf:params:oauth:request_uri:…","expires_in":60}`,
    authorizePushed: `${at.issuer}/authorize?client_id=my-tpp&request_uri=<request_uri>
# → https://localhost/callback?code=…&state=s1&iss=…`,
    exchangeCode: `${TPP} ${mtls}/token -d grant_type=authorization_code -d client_id=my-tpp -d code=<code> \\
     -d redirect_uri=https://localhost/callback -d code_verifier=$VERIFIER`,
    refreshAndRevoke: `${TPP} ${mtls}/token -d grant_type=refresh_token -d client_id=my-tpp -d refresh_token=<refresh_token>
${TPP} ${mtls}/revoke -d client_id=my-tpp -d token=<refresh_token>`,
    ukClientCredentials: `${TPP} -d grant_type=client_credentials -d client_id=my-tpp -d scope=accounts ${mtls}/token`,
    ukStageConsent: `${TPP} -H "authorization: Bearer <access_token>" -H 'content-type: application/json' \\
     -d '{"Data":{"Permissions":["ReadAccountsBasic","ReadBalances"]},"Risk":{}}' \\
     ${accountAccess}
# → 201 {"Data":{"ConsentId":"obc-…","Status":"AwaitingAuthorisation",…},"Risk":{},"Links":{…},"Meta":{}}`,
    ukIntentClaims: `"claims":{"id_token":{"openbanking_intent_id":{"value":"obc-…","essential":true},"acr":{"essential":true,"values":["urn:openbanking:psd2:sca"]}}}`,
    authorizeSigned: `${at.issuer}/authorize?client_id=my-tpp&request=<request_object_jwt>
# → https://localhost/callback#code=…&id_token=…&state=…`,
    ukReadConsent: `${TPP} -H "authorization: Bearer <access_token>" ${accountAccess}/<ConsentId>
# → "Status":"Authorised"`,
    introspectAsResourceServer: `${RS} -d token=<access_token> ${mtls}/introspect
# → {"active":true,…,"openbanking_intent_id":"obc-…","consent":{"id":"obc-…","status":"Authorised",…}}`,
    consumePayment: `${RS} -X POST ${mtls}/resource-server/consents/<ConsentId>/consume
# → {"consent_id":"obc-…","status":"Consumed"}`,
    stetAuthorize: `${at.issuer}/authorize?client_id=my-tpp&response_type=code&scope=aisp\\
&redirect_uri=https%3A%2F%2Flocalhost%2Fcallback&code_challenge=<CHALLENGE>&code_challenge_method=S256&state=s1`,
    stetPayments: `${TPP} -d grant_type=client_credentials -d client_id=my-tpp -d scope=pisp ${mtls}/token`,
    refreshAfterRevocation: `${TPP} ${mtls}/token -d grant_type=refresh_token -d client_id=my-tpp -d refresh_token=<refresh_token>
# → {"error":"invalid_grant","error_description":"U028 UK.OBIE.Reauthenticate: The consent was revoked"}`,
  } as const;
}

/** The commands of the guide by name. */
export type GuideCommands = ReturnType<typeof guideCommands>;

/** The name of one command of the guide. */
export type GuideCommand = keyof GuideCommands;
