import type { PortalTexts } from './portal-texts.js';

/** Le portail développeurs en français. */
export const FRENCH_TEXTS: PortalTexts = {
  siteName: 'Portail développeurs obas',
  otherLanguage: 'English',
  navigationLabel: 'Portail',
  nav: { home: 'Accueil', guide: 'Premiers pas', flows: 'Parcours', errors: 'Erreurs', api: 'Référence de l’API' },
  landing: {
    title: 'obas, serveur d’autorisation open banking',
    intro: (facts) =>
      `Voici le serveur d’autorisation d’une banque, émetteur \`${facts.issuer}\`, avec le profil \`${facts.profile}\`. Les prestataires tiers (TPP) s’y enregistrent, y obtiennent des jetons liés à leur certificat et y envoient leurs clients donner leur consentement.`,
    developersHeading: 'Pour les développeurs de TPP',
    discoveryHeading: 'Découverte',
    customersHeading: 'Pour les clients de la banque',
    links: {
      guide: { label: 'Premiers pas', description: 'Certificat, software statement, enregistrement, premier jeton.' },
      flows: { label: 'Parcours par profil', description: 'FAPI 2.0, UK Open Banking et STET, pas à pas, avec curl.' },
      errors: { label: 'Erreurs et codes motif', description: 'Chaque code d’erreur et les codes motif open banking.' },
      api: { label: 'Référence de l’API', description: 'Chaque point d’accès des deux écoutes, d’après le document OpenAPI.' },
      openApiJson: { label: 'OpenAPI (JSON)', description: 'Le document OpenAPI 3.1, en JSON.' },
      openApiYaml: { label: 'OpenAPI (YAML)', description: 'Le même document, en YAML.' },
      openidConfiguration: { label: 'Métadonnées OpenID Provider', description: 'OpenID Connect Discovery.' },
      authorizationServerMetadata: { label: 'Métadonnées du serveur d’autorisation', description: 'RFC 8414.' },
      jwks: { label: 'Jeu de clés JSON Web Key', description: 'Les clés qui signent ID tokens, jetons d’accès JWT et réponses JARM.' },
      consents: { label: 'Tableau de bord des consentements', description: 'Voir quels services accèdent à vos comptes, et leur retirer l’accès.' },
    },
    mtlsNote: (mtlsBaseUrl) =>
      `Jeton, requêtes d’autorisation poussées, enregistrement, révocation, introspection et ressources de consentement sont sur l’écoute TLS mutuel, \`${mtlsBaseUrl}\` : il leur faut un certificat client, ce ne sont donc pas des liens ici.`,
  },
  guide: {
    title: 'Premiers pas',
    intro: (facts) =>
      `De rien à un jeton d’accès lié au certificat sur ce serveur (profil \`${facts.profile}\`). Les commandes se lancent depuis le répertoire où obas garde ses données (\`.obas\`, créé au premier démarrage) ; chaque requête vers \`${facts.mtlsBaseUrl}\` présente le certificat du TPP.`,
    sections: [
      {
        id: 'certificate',
        heading: '1. Un certificat client',
        blocks: [
          { text: 'obas accepte les certificats clients rattachés à ses ancres de confiance ; en développement, à l’autorité de développement qu’il crée dans `.obas/pki`. `obas pki issue-tpp` émet un certificat de TPP à la manière d’un QWAC eIDAS : identifiant d’organisation, rôles DSP2 (`PSP_AI`, `PSP_PI`, `PSP_IC`) et autorité compétente.' },
          { command: 'issueTpp' },
          { text: 'Il écrit `tpp.pem`, `tpp.key` et `jwks.json` (la clé publique en JWK Set) dans `./tpp` et affiche le DN du sujet, qu’un client du fichier de configuration reprend dans `tls_client_auth_subject_dn`.' },
        ],
      },
      {
        id: 'software-statement',
        heading: '2. Un software statement',
        blocks: [
          { text: 'Un TPP s’enregistre avec un software statement (SSA) signé par l’annuaire de son écosystème. En développement, l’annuaire bac à sable intégré en signe un hors ligne : `obas ssa issue` nomme l’organisation, le logiciel, ses rôles (`AISP`, `PISP`, `CBPII`) et ses URI de redirection, et embarque les clés publiques du TPP.' },
          { command: 'issueSsa' },
          { text: 'L’annuaire bac à sable n’est de confiance que tant qu’aucune clé d’annuaire n’est configurée et que l’autorité de développement l’est (`directory.sandbox`) ; sa clé est publiée sur `/sandbox-directory/jwks`. En production, on configure à la place les clés et l’émetteur du véritable annuaire.' },
        ],
      },
      {
        id: 'registration',
        heading: '3. L’enregistrement',
        blocks: [
          { text: 'En TLS mutuel avec son certificat, le TPP envoie le SSA à `POST /register` (RFC 7591). Dans les profils `fapi2` et `stet`, le corps est du JSON :' },
          { command: 'registerJson' },
          { text: 'Le `scope` enregistré est celui demandé, dans la limite de ce que permettent à la fois les rôles du certificat et les `software_roles` du SSA : `PSP_AI`/`AISP` donnent `accounts`, `PSP_PI`/`PISP` donnent `payments`, `PSP_IC`/`CBPII` donnent `fundsconfirmations` ; en `stet`, `aisp`, `pisp`, `cbpii` et `extended_transaction_history`. En `stet`, un SSA ne sert qu’à un enregistrement.' },
          { text: 'Dans le profil `uk-ob` (UK OB DCR v3.3), le TPP signe la requête : un JWS (`application/jose`) qui porte le SSA, signé avec une clé du jeu de clés du SSA. `obas ssa sign-request` le fabrique avec la clé de l’étape 1 :' },
          { command: 'registerSigned' },
          { text: 'La réponse porte `client_id`, `registration_access_token` et `registration_client_uri`. Avec ce jeton, le TPP lit (`GET`), modifie (`PUT`) ou supprime (`DELETE`) son enregistrement (RFC 7592) ; la suppression révoque tous les jetons du client. En `uk-ob`, un jeton d’accès client_credentials du client convient aussi.' },
          { command: 'manageRegistration' },
        ],
      },
      {
        id: 'first-token',
        heading: '4. Un premier jeton',
        blocks: [
          { text: 'Un jeton client_credentials, lié au certificat (`cnf.x5t#S256`, RFC 8705) : il ne sert qu’avec ce certificat. L’introspection montre à un client ses propres jetons.' },
          { command: 'clientCredentials' },
          { command: 'introspectOwn' },
          { text: 'Sans certificat, le point d’accès de jeton répond `invalid_client`. La page des parcours continue avec l’autorisation d’un client de la banque.' },
        ],
      },
    ],
  },
  flows: {
    title: 'Parcours par profil',
    intro: (facts) =>
      `Les profils \`fapi2\` (par défaut), \`uk-ob\` et \`stet\` règlent ce en quoi les écosystèmes diffèrent. Ce serveur tourne avec \`${facts.profile}\`. Chaque parcours part d’un client enregistré pour le flux code.`,
    sections: [
      {
        id: 'client',
        heading: 'Avant les parcours',
        blocks: [{ text: 'Un client enregistré pour le flux code, par exemple dans le fichier de configuration (le DN est celui qu’a affiché `obas pki issue-tpp`) :' }, { command: 'codeFlowClient' }],
      },
      {
        id: 'fapi2',
        heading: 'FAPI 2.0 (profil fapi2)',
        blocks: [
          { text: 'PKCE, en `S256` uniquement (RFC 7636) :' },
          { command: 'pkce' },
          { text: 'FAPI 2.0 impose les requêtes d’autorisation poussées (RFC 9126) : pousser la requête en TLS mutuel, puis envoyer le navigateur du client au point d’autorisation avec le `request_uri`.' },
          { command: 'pushedRequest' },
          { command: 'authorizePushed' },
          { text: 'Dans le bac à sable, le client se connecte en `alice` / `sandbox-alice`, saisit le code à usage unique affiché, coche un compte et accepte. Le code (à usage unique, 60 secondes) revient avec `state` et `iss` (RFC 9207) ; l’échanger contre des jetons liés au certificat et un ID token :' },
          { command: 'exchangeCode' },
          { text: 'Rafraîchir, puis révoquer : révoquer le jeton de rafraîchissement révoque tous les jetons d’accès de l’autorisation.' },
          { command: 'refreshAndRevoke' },
        ],
      },
      {
        id: 'uk-ob',
        heading: 'UK Open Banking (profil uk-ob)',
        blocks: [
          { text: 'FAPI 1.0 Advanced. Le TPP dépose d’abord un consentement auprès des ressources de consentement UK OB avec un jeton client_credentials, puis envoie un objet de requête signé qui le nomme.' },
          { command: 'ukClientCredentials' },
          { command: 'ukStageConsent' },
          { text: 'L’objet de requête est un JWT signé PS256 ou ES256 avec une clé du `jwks` du client (son `kid` dans l’en-tête), avec `iss` et `client_id` le client, `aud` l’émetteur, `nbf` et un `exp` au plus 60 minutes après, `response_type` `code id_token` (enregistré dans `response_types`), `redirect_uri`, `scope` `openid accounts`, `state`, `nonce`, un `code_challenge` PKCE en `S256`, et le `Data.ConsentId` du consentement comme `openbanking_intent_id` :' },
          { command: 'ukIntentClaims' },
          { text: 'N’importe quelle bibliothèque JOSE le signe ; il passe par valeur, ou par `/par`. Le client voit les permissions que le TPP a déposées. La réponse arrive dans le fragment, avec un ID token portant `c_hash` et `s_hash` ; avec `response_type=code` et `response_mode=jwt`, sous forme de JWT JARM.' },
          { command: 'authorizeSigned' },
          { text: 'Échanger le code comme dans le parcours FAPI 2.0. Le consentement est désormais autorisé ; le serveur de ressources de la banque (un certificat listé dans `resourceServers`, ici fait avec `obas pki issue-tpp`) introspecte le jeton du client et voit le consentement qui le fonde.' },
          { command: 'issueRs' },
          { command: 'ukReadConsent' },
          { command: 'introspectAsResourceServer' },
          { text: 'Les consentements de paiement (`domestic-payment-consents`, `domestic-scheduled-payment-consents`, `domestic-standing-order-consents`, v3.1 et v4.0) demandent aussi `x-idempotency-key` et, en `uk-ob`, `x-jws-signature` : un JWS détaché du corps. Une fois le paiement soumis, le serveur de ressources marque le consentement consommé :' },
          { command: 'consumePayment' },
        ],
      },
      {
        id: 'stet',
        heading: 'STET (profil stet)',
        blocks: [
          { text: 'Les paramètres en clair dans la requête sont acceptés (requêtes poussées et objets de requête aussi), avec `response_type=code` et PKCE. Les scopes sont `aisp`, `cbpii` et `extended_transaction_history` (seulement avec `aisp`, et jamais plus au rafraîchissement) ; pour ce parcours, enregistrer le client avec `scope: aisp`.' },
          { command: 'stetAuthorize' },
          { text: 'Échanger le code comme dans le parcours FAPI 2.0. Les jetons de rafraîchissement tournent ; le consentement dure 180 jours. `pisp` ne sert qu’en client_credentials :' },
          { command: 'stetPayments' },
        ],
      },
      {
        id: 'dashboard',
        heading: 'Côté client : retirer un accès',
        blocks: [
          { text: 'Sur le tableau de bord des consentements (`/consents`), le client voit chaque service qui a accès, ce qu’il peut faire, sur quels comptes, et le lui retire. Un consentement révoqué met fin à tous les jetons qui lui sont liés : l’introspection répond `{"active":false}` et le rafraîchissement suivant échoue. Le TPP met fin à un consentement par un `DELETE`, un opérateur par `obas consents revoke`.' },
          { command: 'refreshAfterRevocation' },
        ],
      },
    ],
  },
  errors: {
    title: 'Erreurs et codes motif',
    intro: [
      { text: 'Toute erreur d’un point d’accès JSON est `{"error": "<code>", "error_description": "<texte>"}` (RFC 6749 §5.2), avec `Cache-Control: no-store` et le `x-fapi-interaction-id` de l’échange. Le point d’autorisation et les pages du client affichent plutôt une page d’erreur ; les ressources de consentement UK OB répondent avec les corps d’erreur UK (`OBErrorResponse1`).' },
      { text: 'Une panne imprévue est une 500 `server_error` qui ne dit rien de sa cause : la ligne de journal du serveur portant le même identifiant d’interaction la donne. Les descriptions sont envoyées en anglais, telles que le tableau les cite.' },
    ],
    codesHeading: 'Codes d’erreur et statut HTTP',
    codeColumn: 'error',
    statusColumn: 'statut HTTP',
    reasonsHeading: 'Codes motif dans error_description',
    reasonsIntro: (dialect) =>
      `Le profil décide de ce qui précède la description : en \`uk-ob\`, un OBExternalStatusReason1Code et son nom (\`U019 UK.OBIE.Signature.Missing: A client certificate is required\`) ; en \`stet\`, un code motif de statut ISO 20022 et son nom (\`DS0E IncorrectSignerCertificate: …\`) ; en \`fapi2\`, rien. Ce serveur utilise \`${dialect}\`.`,
    reasonColumn: 'motif',
    whenColumn: 'quand (en anglais)',
  },
  api: {
    title: 'Référence de l’API',
    intro: 'Chaque route des deux écoutes, d’après le document OpenAPI livré avec le serveur (en anglais). Les requêtes vers l’écoute TLS mutuel exigent un certificat client : cette page se lit, elle n’envoie rien.',
    download: 'Télécharger',
    loading: 'Chargement de la référence de l’API…',
  },
};
