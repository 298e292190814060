import { readFile } from 'node:fs/promises';
import type { DirectoryConfig } from './registration-settings.js';
import { acceptableKeysOf, type RemoteJwks } from '../client-auth/remote-jwks.js';
import { DEFAULT_NCA } from '../pki/psd2-identifiers.js';
import type { SandboxDirectory } from './sandbox-directory.js';
import type { KeySource } from '../protocol/client-jwt.js';

/** The directories whose software statements registration accepts, by SSA issuer (RFC 7591 §2.3). */
export interface DirectoryTrust {
  /** The signing keys of the directory that issues as `issuer`, or undefined when no trusted directory does. */
  keysFor(issuer: string): KeySource | undefined;
  /**
   * The national authority (NCAId) of a directory whose `org_id` is a bare authorisation number, e.g. `GB-FCA`;
   * undefined for a directory that writes full ETSI identifiers (`PSDGB-FCA-123456`), the only safe reading when the
   * configuration does not say otherwise.
   */
  bareOrgIdAuthority(issuer: string): string | undefined;
  /** Every trusted issuer, for messages and the start-up summary. */
  readonly issuers: readonly string[];
}

/**
 * Builds the trust list from the `directory` configuration: the configured JWK Set (a file read once now, or a URL
 * fetched through `remote` with its cache, timeout and size limit) for the configured issuers, plus the sandbox
 * directory for its own issuer when enabled. The sandbox, standing in for a UK register, may write bare FCA
 * authorisation numbers (`obas ssa issue --org-id 123456`); configured directories are read as full identifiers.
 */
export async function createDirectoryTrust(
  config: DirectoryConfig,
  sandbox: SandboxDirectory | undefined,
  remote: RemoteJwks,
): Promise<DirectoryTrust> {
  const byIssuer = new Map<string, KeySource>();
  const configured = await configuredKeys(config, remote);
  if (configured !== undefined) for (const issuer of config.issuers) byIssuer.set(issuer, configured);
  if (sandbox !== undefined) {
    const keys = [sandbox.publicJwk];
    byIssuer.set(sandbox.issuer, async () => keys);
  }
  const sandboxIssuer = sandbox?.issuer;
  return {
    keysFor: (issuer) => byIssuer.get(issuer),
    bareOrgIdAuthority: (issuer) => (issuer === sandboxIssuer ? DEFAULT_NCA.id : undefined),
    issuers: [...byIssuer.keys()],
  };
}

async function configuredKeys(config: DirectoryConfig, remote: RemoteJwks): Promise<KeySource | undefined> {
  if (config.jwksUrl !== undefined) {
    const url = config.jwksUrl;
    return (refresh) => (refresh ? remote.refresh(url) : remote.keys(url));
  }
  if (config.jwksFile === undefined) return undefined;
  const keys = acceptableKeysOf(JSON.parse(await readFile(config.jwksFile, 'utf8')));
  if (keys.length === 0) throw new Error(`directory.jwksFile ${config.jwksFile} holds no acceptable public keys (RSA >= 2048 bits, EC P-256/P-384)`);
  return async () => keys;
}
