import type { PortalTexts } from './portal-texts.js';

/** The developer portal in English. */
export const ENGLISH_TEXTS: PortalTexts = {
  siteName: 'obas developer portal',
  otherLanguage: 'Français',
  navigationLabel: 'Portal',
  nav: { home: 'Home', guide: 'Onboarding', flows: 'Flows', errors: 'Errors', api: 'API reference' },
  landing: {
    title: 'obas, open banking authorization server',
    intro: (facts) =>
      `This is the authorization server of a bank, issuer \`${facts.issuer}\`, running the \`${facts.profile}\` profile. Third-party providers (TPPs) register here, get certificate-bound tokens and send their customers here to give consent.`,
    developersHeading: 'For TPP developers',
    discoveryHeading: 'Discovery',
    customersHeading: 'For the bank’s customers',
    links: {
      guide: { label: 'Onboarding', description: 'Certificate, software statement, registration, first token.' },
      flows: { label: 'Flows by profile', description: 'FAPI 2.0, UK Open Banking and STET, step by step, with curl.' },
      errors: { label: 'Errors and reason codes', description: 'Every error code and the open banking reason codes.' },
      api: { label: 'API reference', description: 'Every endpoint of both listeners, rendered from the OpenAPI document.' },
      openApiJson: { label: 'OpenAPI (JSON)', description: 'The OpenAPI 3.1 document, as JSON.' },
      openApiYaml: { label: 'OpenAPI (YAML)', description: 'The same document, as YAML.' },
      openidConfiguration: { label: 'OpenID Provider metadata', description: 'OpenID Connect Discovery.' },
      authorizationServerMetadata: { label: 'Authorization server metadata', description: 'RFC 8414.' },
      jwks: { label: 'JSON Web Key Set', description: 'The keys that sign ID tokens, JWT access tokens and JARM responses.' },
      consents: { label: 'Consent dashboard', description: 'See which services may access your accounts, and revoke them.' },
    },
    mtlsNote: (mtlsBaseUrl) =>
      `Token, pushed authorization requests, registration, revocation, introspection and the consent resources are on the mutual-TLS listener, \`${mtlsBaseUrl}\`: they need a client certificate, so they are not links here.`,
  },
  guide: {
    title: 'Onboarding',
    intro: (facts) =>
      `From nothing to a certificate-bound access token against this server (profile \`${facts.profile}\`). The commands run from the directory where obas keeps its data (\`.obas\`, made at first start); every request to \`${facts.mtlsBaseUrl}\` presents the TPP’s certificate.`,
    sections: [
      {
        id: 'certificate',
        heading: '1. A client certificate',
        blocks: [
          { text: 'obas accepts client certificates that chain to its trust anchors; in development, the development CA it creates in `.obas/pki`. `obas pki issue-tpp` issues a TPP certificate shaped like an eIDAS QWAC: organisation identifier, PSD2 roles (`PSP_AI`, `PSP_PI`, `PSP_IC`) and the competent authority.' },
          { command: 'issueTpp' },
          { text: 'It writes `tpp.pem`, `tpp.key` and `jwks.json` (the public key as a JWK Set) to `./tpp` and prints the subject DN, which a client in the configuration file names as `tls_client_auth_subject_dn`.' },
        ],
      },
      {
        id: 'software-statement',
        heading: '2. A software statement',
        blocks: [
          { text: 'A TPP registers with a software statement assertion (SSA) signed by its ecosystem’s directory. In development, the built-in sandbox directory signs one offline: `obas ssa issue` names the organisation, the software, its roles (`AISP`, `PISP`, `CBPII`) and redirect URIs, and embeds the TPP’s public keys.' },
          { command: 'issueSsa' },
          { text: 'The sandbox directory is trusted only while no directory keys are configured and the dev CA is trusted (`directory.sandbox`); its key is published at `/sandbox-directory/jwks`. In production, the real directory’s keys and issuer are configured instead.' },
        ],
      },
      {
        id: 'registration',
        heading: '3. Registration',
        blocks: [
          { text: 'Over mutual TLS with the certificate, the TPP posts the SSA to `POST /register` (RFC 7591). In the `fapi2` and `stet` profiles the body is JSON:' },
          { command: 'registerJson' },
          { text: 'The registered `scope` is what was asked for, within what both the certificate’s roles and the SSA’s `software_roles` allow: `PSP_AI`/`AISP` give `accounts`, `PSP_PI`/`PISP` give `payments`, `PSP_IC`/`CBPII` give `fundsconfirmations`; in `stet`, `aisp`, `pisp`, `cbpii` and `extended_transaction_history`. In `stet`, an SSA registers once.' },
          { text: 'In the `uk-ob` profile (UK OB DCR v3.3) the TPP signs the request: a JWS (`application/jose`) carrying the SSA, signed with a key of the SSA’s key set. `obas ssa sign-request` makes it with the key of step 1:' },
          { command: 'registerSigned' },
          { text: 'The answer carries `client_id`, `registration_access_token` and `registration_client_uri`. With the token, the TPP reads (`GET`), updates (`PUT`) or deletes (`DELETE`) its registration (RFC 7592); deleting revokes every token the client holds. In `uk-ob` a client_credentials access token of the client works too.' },
          { command: 'manageRegistration' },
        ],
      },
      {
        id: 'first-token',
        heading: '4. A first token',
        blocks: [
          { text: 'A client_credentials token, bound to the certificate (`cnf.x5t#S256`, RFC 8705): it works only with that certificate. Introspection shows a client its own tokens.' },
          { command: 'clientCredentials' },
          { command: 'introspectOwn' },
          { text: 'Without a certificate the token endpoint answers `invalid_client`. The flows page continues with a customer’s authorization.' },
        ],
      },
    ],
  },
  flows: {
    title: 'Flows by profile',
    intro: (facts) =>
      `The profiles \`fapi2\` (default), \`uk-ob\` and \`stet\` set what the ecosystems differ in. This server runs \`${facts.profile}\`. Each flow starts from a client registered for the code flow.`,
    sections: [
      {
        id: 'client',
        heading: 'Before the flows',
        blocks: [{ text: 'A client registered for the code flow, for instance in the configuration file (the DN is the one `obas pki issue-tpp` printed):' }, { command: 'codeFlowClient' }],
      },
      {
        id: 'fapi2',
        heading: 'FAPI 2.0 (profile fapi2)',
        blocks: [
          { text: 'PKCE with `S256` only (RFC 7636):' },
          { command: 'pkce' },
          { text: 'FAPI 2.0 requires pushed authorization requests (RFC 9126): push the request over mutual TLS, then send the customer’s browser to the authorization endpoint with the `request_uri`.' },
          { command: 'pushedRequest' },
          { command: 'authorizePushed' },
          { text: 'In the sandbox the customer logs in as `alice` / `sandbox-alice`, types the one-time code the page shows, ticks an account and allows. The code (single use, 60 seconds) comes back with `state` and `iss` (RFC 9207); exchange it for certificate-bound tokens and an ID token:' },
          { command: 'exchangeCode' },
          { text: 'Refresh, then revoke: revoking the refresh token revokes every access token of the authorization.' },
          { command: 'refreshAndRevoke' },
        ],
      },
      {
        id: 'uk-ob',
        heading: 'UK Open Banking (profile uk-ob)',
        blocks: [
          { text: 'FAPI 1.0 Advanced. The TPP first stages a consent at the UK OB consent resources with a client_credentials token, then sends a signed request object naming it.' },
          { command: 'ukClientCredentials' },
          { command: 'ukStageConsent' },
          { text: 'The request object is a JWT signed PS256 or ES256 with a key of the client’s `jwks` (its `kid` in the header), with `iss` and `client_id` the client, `aud` the issuer, `nbf` and an `exp` at most 60 minutes later, `response_type` `code id_token` (registered in `response_types`), `redirect_uri`, `scope` `openid accounts`, `state`, `nonce`, a PKCE `code_challenge` with `S256`, and the consent’s `Data.ConsentId` as `openbanking_intent_id`:' },
          { command: 'ukIntentClaims' },
          { text: 'Any JOSE library signs it; it goes by value, or through `/par`. The customer sees the permissions the TPP staged. The answer comes in the fragment, with an ID token carrying `c_hash` and `s_hash`; with `response_type=code` and `response_mode=jwt`, as a JARM JWT.' },
          { command: 'authorizeSigned' },
          { text: 'Exchange the code as in the FAPI 2.0 flow. The consent is now authorised; the bank’s resource server (a certificate listed in `resourceServers`, here one made with `obas pki issue-tpp`) introspects the customer’s token and sees the consent behind it.' },
          { command: 'issueRs' },
          { command: 'ukReadConsent' },
          { command: 'introspectAsResourceServer' },
          { text: 'Payment consents (`domestic-payment-consents`, `domestic-scheduled-payment-consents`, `domestic-standing-order-consents`, v3.1 and v4.0) also need `x-idempotency-key` and, in `uk-ob`, `x-jws-signature`: a detached JWS of the body. Once the payment is submitted, the resource server marks the consent consumed:' },
          { command: 'consumePayment' },
        ],
      },
      {
        id: 'stet',
        heading: 'STET (profile stet)',
        blocks: [
          { text: 'Plain query parameters are accepted (pushed requests and request objects too), with `response_type=code` and PKCE. Scopes are `aisp`, `cbpii` and `extended_transaction_history` (only with `aisp`, and never again on refresh); register the client with `scope: aisp` for this flow.' },
          { command: 'stetAuthorize' },
          { text: 'Exchange the code as in the FAPI 2.0 flow. Refresh tokens rotate; the consent lasts 180 days. `pisp` is for client_credentials only:' },
          { command: 'stetPayments' },
        ],
      },
      {
        id: 'dashboard',
        heading: 'The customer’s side: revoking',
        blocks: [
          { text: 'On the consent dashboard (`/consents`) the customer sees each service with access, what it may do, on which accounts, and revokes. A revoked consent ends every token bound to it: introspection answers `{"active":false}` and the next refresh fails. The TPP ends a consent with `DELETE` on it, an operator with `obas consents revoke`.' },
          { command: 'refreshAfterRevocation' },
        ],
      },
    ],
  },
  errors: {
    title: 'Errors and reason codes',
    intro: [
      { text: 'Every error of a JSON endpoint is `{"error": "<code>", "error_description": "<text>"}` (RFC 6749 §5.2) with `Cache-Control: no-store` and the exchange’s `x-fapi-interaction-id`. The authorization endpoint and the customer’s pages show an error page instead; the UK OB consent resources answer UK error bodies (`OBErrorResponse1`).' },
      { text: 'An unexpected failure is a 500 `server_error` that says nothing about its cause: the server’s log line with the same interaction id has it.' },
    ],
    codesHeading: 'Error codes and HTTP status',
    codeColumn: 'error',
    statusColumn: 'HTTP status',
    reasonsHeading: 'Reason codes in error_description',
    reasonsIntro: (dialect) =>
      `The profile decides what precedes the description: in \`uk-ob\` an OBExternalStatusReason1Code and its name (\`U019 UK.OBIE.Signature.Missing: A client certificate is required\`); in \`stet\` an ISO 20022 status reason code and its name (\`DS0E IncorrectSignerCertificate: …\`); in \`fapi2\` nothing. This server uses \`${dialect}\`.`,
    reasonColumn: 'reason',
    whenColumn: 'when',
  },
  api: {
    title: 'API reference',
    intro: 'Every route of both listeners, rendered from the OpenAPI document the server ships. Requests to the mutual-TLS listener need a client certificate, so this page reads, it does not send.',
    download: 'Download',
    loading: 'Loading the API reference…',
  },
};
