import type { Agent } from 'undici';
import { expect } from 'vitest';
import type { DevPki } from '../../src/pki/dev-ca.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, type TppCertificates } from '../support/tpp-fixtures.js';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A `rateLimits` bucket. */
export const bucket = (ratePerSecond: number, burst: number) => ({ ratePerSecond, burst });

/** A data directory with its dev PKI, the standard TPP certificates, and agents presenting them (close `agents`). */
export interface TppSetUp {
  readonly dataDir: string;
  readonly pki: DevPki;
  readonly certs: TppCertificates;
  readonly agents: Agent[];
  agent(cert: keyof TppCertificates): Agent;
}

export async function tppSetUp(): Promise<TppSetUp> {
  const { dataDir, pki } = await prepareDataDir();
  const certs = await issueTppCertificates(pki);
  const agents: Agent[] = [];
  const agent = (cert: keyof TppCertificates) => {
    const created = tppAgent({ certPem: certs[cert].certPem, keyPem: certs[cert].keyPem, caPem: pki.caCertPem });
    agents.push(created);
    return created;
  };
  return { dataDir, pki, certs, agents, agent };
}

/** A client_credentials token request of a tls_client_auth client naming itself by `client_id`. */
export const tokenRequest = (mtlsUrl: string, agent: Agent, clientId: string) =>
  postForm(`${mtlsUrl}/token`, agent, new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope: 'accounts' }).toString());

/** Asserts a rate-limit refusal as JSON (429, `temporarily_unavailable`, `Retry-After`) and returns its Retry-After. */
export function expectRateLimited(response: { status: number; headers: Headers; json: Record<string, unknown> }): number {
  expect(response.status).toBe(429);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.json).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/^Too many requests from this (client|address)/) });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  return retryAfter;
}
