/** Paths of the endpoints obas serves; discovery and the HTTP routes both read them from here. */
export const ENDPOINT_PATHS = {
  token: '/token',
  revocation: '/revoke',
  introspection: '/introspect',
  registration: '/register',
  authorization: '/authorize',
  pushedAuthorizationRequest: '/par',
  backchannelAuthentication: '/backchannel-authentication',
  bankApp: '/bank-app',
  consentConsumption: '/resource-server/consents/:consentId/consume',
  jwks: '/jwks',
  openidConfiguration: '/.well-known/openid-configuration',
  authorizationServerMetadata: '/.well-known/oauth-authorization-server',
} as const;
