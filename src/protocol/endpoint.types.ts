import type { ClientCertificate } from '../pki/client-certificate.js';
import type { OAuthError } from '../errors/oauth-error.js';

/** Form parameters of an `application/x-www-form-urlencoded` body; repeated names were already rejected. */
export type FormParameters = ReadonlyMap<string, string>;

/**
 * A request as an endpoint sees it: framework-free (DESIGN.md "The core never imports Fastify").
 * Header names are lower-case.
 */
export interface EndpointRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  /** Path parameters of the route, e.g. `{ clientId }` for `/register/:clientId`; absent on routes without any. */
  readonly params?: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed form body, when the body was `application/x-www-form-urlencoded`. */
  readonly form?: FormParameters;
  /** Parsed JSON body, when the body was `application/json`. */
  readonly json?: unknown;
  /** The JSON body exactly as received (UTF-8 text), when `json` is present: what a detached JWS signs (RFC 7515 App. F). */
  readonly rawBody?: string;
  /** Raw text body for other accepted media types (e.g. `application/jose`). */
  readonly text?: string;
  /** The client certificate presented over mTLS or by a trusted proxy (RFC 9440), if any. */
  readonly clientCertificate?: ClientCertificate;
  /** Request time; injected so that tests and handlers never read the clock themselves. */
  readonly now: Date;
  /** The `x-fapi-interaction-id` of this exchange. */
  readonly interactionId: string;
  /** Records who and what this request concerned, for its log line (see {@link NoteAudit}). */
  readonly audit: NoteAudit;
}

/** What a request came to, for the audit trail. A refusal is the request's error, not a decision. */
export type AuditDecision = 'issued' | 'allowed' | 'denied' | 'revoked' | 'created' | 'deleted' | 'consumed';

/**
 * Who and what a request concerned, for its one log line (the audit trail): identifiers of records obas holds, never
 * a token, secret, assertion, password, one-time code, cookie or authorization code.
 */
export interface AuditFacts {
  /** The client that authenticated, or whose token was presented. */
  readonly clientId?: string;
  /** The PSU (their `sub`). */
  readonly subject?: string;
  readonly consentId?: string;
  /** The `grant_type` of a token request the server supports. */
  readonly grantType?: string;
  readonly decision?: AuditDecision;
  /** An error answered without throwing it (a redirect to the client, RFC 6749 §4.1.2.1), logged as a thrown one is. */
  readonly refusal?: OAuthError;
}

/**
 * Notes audit facts as an endpoint learns them; later facts add to earlier ones. Facts noted before an error is thrown
 * stay on the request's line, so a refusal names the client it refused.
 */
export type NoteAudit = (facts: AuditFacts) => void;

/** What an endpoint returns; the HTTP layer renders it verbatim. A string body is sent as is. */
export interface EndpointResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Renders an error of a front-channel route a browser navigates to (authorization endpoint, PSU pages) as a page
 * instead of RFC 6749 §5.2 JSON. RFC 6749 §4.1.2.1: without a trustworthy redirect URI the user is told, not redirected.
 */
export type ErrorPage = (error: OAuthError, request: Pick<EndpointRequest, 'url' | 'headers'>) => EndpointResponse;

/** A framework-free endpoint. Throwing an OAuthError is the way to answer with an error. */
export type Endpoint = (request: EndpointRequest) => Promise<EndpointResponse>;
