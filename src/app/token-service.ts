import type { ObasConfig } from '../config/config.types.js';
import { createClientAuthentication, type AuthenticateClient } from '../client-auth/client-authentication.js';
import type { ClientAuthenticator } from '../client-auth/client-authenticator.js';
import { clientSecretBasicAuthenticator } from '../client-auth/client-secret-basic.auth.js';
import { clientSecretPostAuthenticator } from '../client-auth/client-secret-post.auth.js';
import { createClientKeys, type ClientKeys } from '../client-auth/client-keys.js';
import { createPrivateKeyJwtAuthenticator } from '../client-auth/private-key-jwt.auth.js';
import { createSelfSignedTlsClientAuthenticator } from '../client-auth/self-signed-tls-client-auth.auth.js';
import { tlsClientAuthenticator } from '../client-auth/tls-client-auth.auth.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { createAuthorizationCodeGrant } from '../grants/authorization-code.grant.js';
import { createClientCredentialsGrant } from '../grants/client-credentials.grant.js';
import type { GrantHandler } from '../grants/grant-handler.js';
import type { GrantTokenIssuers } from '../grants/grant-tokens.js';
import { createRefreshTokenGrant } from '../grants/refresh-token.grant.js';
import { createCibaGrant } from '../grants/ciba.grant.js';
import type { OutboundFetch } from '../outbound/outbound-client.js';
import type { Storage } from '../storage/ports.js';
import { createAccessTokenIssuer } from '../tokens/access-token-issuer.js';
import { createIdTokenIssuer, type IssueIdToken } from '../tokens/id-token-issuer.js';
import type { KeyStore } from '../tokens/key-store.js';
import { createRefreshTokenIssuer, createRefreshTokenMinter } from '../tokens/refresh-token-issuer.js';
import { createTokenLookup, type TokenLookup } from '../tokens/token-lookup.js';
import { senderBinding } from '../tokens/sender-binding.js';
import type { BindSender } from '../endpoints/token.endpoint.js';
import { createDpopGate, type DpopGate } from '../tokens/dpop-gate.js';

/** The pieces the token-side endpoints share, wired from the configuration. */
export interface TokenService {
  readonly authenticateClient: AuthenticateClient;
  readonly grants: readonly GrantHandler[];
  /** The sender binding of a token request's tokens. */
  readonly bindSender: BindSender;
  /** DPoP proofs (RFC 9449) for the token, PAR and consent endpoints. */
  readonly dpop: DpopGate;
  /** The clients' public keys (client assertions, request objects). */
  readonly clientKeys: ClientKeys;
  readonly issueIdToken: IssueIdToken;
  /** Access and refresh tokens by hash, with their grant: for revocation, introspection and bearer checks. */
  readonly tokens: TokenLookup;
}

/**
 * Wires client authentication (one authenticator per method) and the grant handlers for a configuration; clients'
 * `jwks_uri` documents are fetched through `fetchText` (the outbound client), cached 5 min, refetched at most every 30 s.
 */
export function createTokenService(config: ObasConfig, storage: Storage, keys: KeyStore, fetchText: OutboundFetch): TokenService {
  const { profile } = config;
  const tokenEndpointUrl = `${config.mtlsBaseUrl}${ENDPOINT_PATHS.token}`;
  const dpop = createDpopGate(config.dpop, keys, storage.replayCache);
  const clientKeys = createClientKeys(fetchText, { cacheMs: 300_000, refreshCooldownMs: 30_000 });
  const authenticators: ClientAuthenticator[] = [
    tlsClientAuthenticator,
    createSelfSignedTlsClientAuthenticator(clientKeys),
    createPrivateKeyJwtAuthenticator(
      {
        issuer: config.issuer,
        tokenEndpointUrl,
        assertionAudience: profile.assertionAudience,
        maxLifetimeSeconds: profile.lifetimes.clientAssertionMaxAge,
      },
      clientKeys,
      storage.replayCache,
    ),
    clientSecretBasicAuthenticator,
    clientSecretPostAuthenticator,
  ];
  const issueAccessToken = createAccessTokenIssuer(
    {
      issuer: config.issuer,
      audience: config.issuer,
      format: profile.accessTokenFormat,
      signingAlg: profile.accessTokenSigningAlg,
      lifetimeSeconds: profile.lifetimes.accessToken,
    },
    keys,
    storage.accessTokens,
  );
  const issueIdToken = createIdTokenIssuer(
    { issuer: config.issuer, alg: profile.authorization.idTokenSigningAlg, lifetimeSeconds: profile.lifetimes.idToken },
    keys,
  );
  const userGrantIssuers: GrantTokenIssuers = {
    issueAccessToken,
    issueRefreshToken: createRefreshTokenIssuer(profile.lifetimes.refreshToken, storage.refreshTokens),
    issueIdToken,
    profile: profile.name,
  };
  return {
    authenticateClient: createClientAuthentication(storage.clients, authenticators, profile.allowedAuthMethods),
    grants: [
      createClientCredentialsGrant(issueAccessToken),
      createAuthorizationCodeGrant(storage.authorizationCodes, storage.grants, userGrantIssuers),
      createRefreshTokenGrant(storage, userGrantIssuers, createRefreshTokenMinter(profile.lifetimes.refreshToken), profile.refreshTokens, () => new Date()),
      createCibaGrant(storage.backchannelRequests, storage.grants, userGrantIssuers),
    ],
    bindSender: (client, request) => {
      const required = client.client.dpopBoundAccessTokens;
      // No proof to verify: decided at once, with no promise (most token requests).
      if (request.headers['dpop'] === undefined && !required) {
        return { binding: senderBinding(client.client, client.certificate, profile.alwaysBindTokens, undefined), headers: NO_HEADERS };
      }
      return dpop.proof(request, { url: tokenEndpointUrl, required }).then((proof) => ({
        binding: senderBinding(client.client, client.certificate, profile.alwaysBindTokens, proof?.jkt),
        headers: proof === undefined ? NO_HEADERS : dpop.responseHeaders(request.now),
      }));
    },
    dpop,
    clientKeys,
    issueIdToken,
    tokens: createTokenLookup(storage),
  };
}

/** The headers of a sender decision without a DPoP proof: none (one shared object, as this runs for every token request). */
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});
