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
}

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
