import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { SandboxDirectory } from './sandbox-directory.js';

/** What `obas ssa issue` puts into a software statement. */
export interface SandboxStatementOptions {
  /** `org_id`: the TPP certificate's organizationIdentifier (or its authorisation number). */
  readonly orgId: string;
  readonly orgName?: string;
  readonly softwareId: string;
  /** `software_roles` in directory spelling: AISP, PISP, CBPII. */
  readonly roles: readonly string[];
  readonly redirectUris: readonly string[];
  /** `software_jwks`: the software's public keys, embedded. */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /** `software_jwks_endpoint`: where the software publishes its public keys. */
  readonly jwksUri?: string;
  readonly clientName?: string;
  readonly lifetimeDays: number;
}

const DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  AISP: 'AISP',
  PISP: 'PISP',
  CBPII: 'CBPII',
  PSP_AI: 'AISP',
  PSP_PI: 'PISP',
  PSP_IC: 'CBPII',
};

/** Directory role names for user input such as `aisp,PSP_PI`; throws a plain Error naming what is unknown. */
export function directoryRoles(list: string): string[] {
  const names = list.split(',').map((name) => name.trim().toUpperCase()).filter((name) => name !== '');
  const unknown = names.filter((name) => DIRECTORY_ROLES[name] === undefined);
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`Unknown software role ${unknown.join(', ')}; use a comma-separated list of AISP, PISP, CBPII`);
  }
  return [...new Set(names.map((name) => DIRECTORY_ROLES[name] as string))];
}

/**
 * Signs a software statement assertion with the sandbox directory, shaped like a UK OB Directory SSA (RFC 7591 §2.3):
 * `iss`, `iat`, `exp`, `jti`, `software_id`, `software_client_name`, `software_roles`, `software_redirect_uris`,
 * `software_jwks` or `software_jwks_endpoint`, `software_mode: Test`, `org_id`, `org_name`, `org_status: Active`.
 */
export function issueSandboxSoftwareStatement(directory: SandboxDirectory, options: SandboxStatementOptions, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return directory.sign(
    {
      iat,
      exp: iat + options.lifetimeDays * 86_400,
      jti: randomUUID(),
      software_id: options.softwareId,
      software_client_name: options.clientName ?? options.softwareId,
      software_roles: [...options.roles],
      software_redirect_uris: [...options.redirectUris],
      ...(options.jwks === undefined ? {} : { software_jwks: { keys: [...options.jwks.keys] } }),
      ...(options.jwksUri === undefined ? {} : { software_jwks_endpoint: options.jwksUri }),
      software_mode: 'Test',
      org_id: options.orgId,
      org_name: options.orgName ?? options.orgId,
      org_status: 'Active',
    },
    now,
  );
}
