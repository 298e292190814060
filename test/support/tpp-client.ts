import * as oauth from 'oauth4webapi';
import { Agent, fetch as undiciFetch } from 'undici';

/** TLS material a TPP presents: its certificate and key (absent for a request without a certificate). */
export interface TppTls {
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly caPem: string;
}

/** An undici Agent that presents the TPP certificate and trusts the dev CA. */
export function tppAgent(tls: TppTls): Agent {
  return new Agent({
    connect: {
      ca: tls.caPem,
      ...(tls.certPem === undefined ? {} : { cert: tls.certPem }),
      ...(tls.keyPem === undefined ? {} : { key: tls.keyPem }),
    },
  });
}

/** A fetch for oauth4webapi's `customFetch` that goes through the given undici Agent. */
export function fetchVia(agent: Agent): (url: string, options: object) => Promise<Response> {
  return (url, options) =>
    undiciFetch(url, { ...options, dispatcher: agent } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
}

/** Discovers the authorization server with oauth4webapi over the given agent. */
export async function discover(issuer: string, agent: Agent): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  const response = await oauth.discoveryRequest(url, { [oauth.customFetch]: fetchVia(agent), algorithm: 'oidc' });
  return oauth.processDiscoveryResponse(url, response);
}

/** Posts a form to a URL over the agent (for requests oauth4webapi would refuse to build). */
export async function postForm(
  url: string,
  agent: Agent,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await undiciFetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    dispatcher: agent,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers as unknown as Headers, json: text === '' ? {} : JSON.parse(text) };
}
