import type { ConsentSummary } from '../consent/consent-summary.js';
import type { IntrospectionResponseFormat } from '../consent/resource-server-config.js';
import type { EndpointResponse } from '../protocol/endpoint.types.js';
import type { MetadataAddition } from '../protocol/metadata-addition.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { SignIntrospectionJwt } from '../tokens/introspection-jwt.js';
import type { TokenType } from '../tokens/sender-binding.js';
import { INTROSPECTION_JWT_MEDIA_TYPE } from './introspection-accept.js';

/** RFC 7662 §2.2 introspection response, with the PSU authorization and consent behind a user token. */
export interface IntrospectionResponse {
  readonly active: boolean;
  readonly scope?: string;
  readonly client_id?: string;
  /** RFC 7662 §2.2: the access token's type (RFC 9449 §6.2: `DPoP` when DPoP-bound); absent for refresh tokens. */
  readonly token_type?: TokenType;
  readonly exp?: number;
  readonly iat?: number;
  readonly sub?: string;
  readonly iss?: string;
  /** The token's binding (RFC 7800 §3.1): certificate `x5t#S256` (RFC 8705 §3.2) or DPoP key `jkt` (RFC 9449 §6.2). */
  readonly cnf?: { readonly 'x5t#S256': string } | { readonly jkt: string };
  /** The consent the PSU authorised (UK `openbanking_intent_id`). */
  readonly openbanking_intent_id?: string;
  /** Ids of the accounts the PSU chose on the consent page. */
  readonly accounts?: readonly string[];
  readonly acr?: string;
  readonly auth_time?: number;
  /** Everything a resource server needs to enforce the consent. */
  readonly consent?: ConsentSummary;
}

/** The introspection answer and whom it is for. */
export interface IntrospectionAnswer {
  readonly body: IntrospectionResponse;
  readonly format: IntrospectionResponseFormat;
  /** The resource server's id, or the introspecting client's `client_id`: `aud` of the JWT (RFC 9701 §5). */
  readonly audience: string;
  readonly now: Date;
}

/** Varies with `Accept` (RFC 9110 §12.5.5), and carries token data: never stored (RFC 7662 §4). */
const HEADERS = { ...NO_STORE_HEADERS, vary: 'accept' };

/**
 * Renders an introspection answer: the RFC 7662 §2.2 JSON object, or that object signed as an RFC 9701 §5 JWT with
 * `Content-Type: application/token-introspection+jwt`.
 */
export function renderIntrospection(answer: IntrospectionAnswer, sign: SignIntrospectionJwt): EndpointResponse {
  if (answer.format === 'json') return { status: 200, headers: HEADERS, body: answer.body };
  const jwt = sign({ audience: answer.audience, introspection: answer.body, now: answer.now });
  return { status: 200, headers: { ...HEADERS, 'content-type': INTROSPECTION_JWT_MEDIA_TYPE }, body: jwt };
}

/** Discovery of JWT introspection responses (RFC 9701 §7): the one algorithm they are signed with. */
export function introspectionJwtMetadata(alg: SigningAlg): MetadataAddition {
  return { metadata: { introspection_signing_alg_values_supported: [alg] } };
}
