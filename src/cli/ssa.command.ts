import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { publicKeysOf } from '../client-auth/remote-jwks.js';
import { directoryRoles, issueSandboxSoftwareStatement } from '../registration/sandbox-software-statement.js';
import { openSandboxDirectory } from '../registration/sandbox-directory.js';
import { signTppRegistrationRequest } from '../registration/tpp-request-signer.js';
import type { ConfigLoader } from './cli-context.js';
import { collect, parseDays, validated } from './option-parsers.js';

/** Options of `obas ssa issue`, as parsed by commander. */
interface IssueOptions {
  readonly org: string;
  readonly orgName?: string;
  readonly softwareId: string;
  readonly roles: string[];
  readonly redirectUri: string[];
  readonly jwksFile?: string;
  readonly jwksUri?: string;
  readonly clientName?: string;
  readonly days: number;
}

/** Options of `obas ssa sign-request`. */
interface SignRequestOptions {
  readonly ssa: string;
  readonly key: string;
  readonly kid?: string;
  readonly aud?: string;
  readonly metadata: Record<string, unknown>;
}

const DEFAULT_METADATA = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'] };

function httpsUrl(value: string): string {
  if (!URL.canParse(value) || new URL(value).protocol !== 'https:' || value.includes('#')) throw new Error(`${value} is not an https URL without fragment`);
  return value;
}

function identifier(value: string): string {
  if (!/^[\x21-\x7E]{1,255}$/.test(value)) throw new Error(`${JSON.stringify(value)} must be 1 to 255 printable characters without spaces`);
  return value;
}

function jsonObject(value: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('--metadata must be a JSON object');
  return parsed as Record<string, unknown>;
}

async function jwksFrom(file: string) {
  const keys = publicKeysOf(JSON.parse(await readFile(file, 'utf8')));
  if (keys.length === 0) throw new Error(`${file} holds no public keys (expected a JWK Set such as tpp/jwks.json)`);
  return { keys };
}

/**
 * `obas ssa issue` signs a software statement assertion with the sandbox directory of the data directory (the one a
 * sandbox obas trusts and serves at /sandbox-directory/jwks); `obas ssa sign-request` signs a UK OB DCR registration
 * request with the TPP's key. Both print only the JWT, so that `$(…)` and redirections work.
 */
export function ssaCommand(loadConfig: ConfigLoader, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Command {
  const command = new Command('ssa').description('sandbox directory: software statement assertions for dynamic client registration');

  command
    .command('issue')
    .description('sign a software statement (SSA) with the sandbox directory key')
    .requiredOption('--org <org_id>', 'org_id: the organizationIdentifier of the TPP certificate, e.g. PSDGB-FCA-123456', validated(identifier))
    .option('--org-name <name>', 'org_name (default: the org_id)')
    .requiredOption('--software-id <id>', 'software_id: the iss of the TPP registration requests', validated(identifier))
    .requiredOption('--roles <list>', 'software_roles, comma-separated: AISP, PISP, CBPII', validated(directoryRoles))
    .option('--redirect-uri <uri>', 'software_redirect_uris entry (repeatable)', collect(httpsUrl), [])
    .option('--jwks-file <file>', 'embed this JWK Set as software_jwks (e.g. tpp/jwks.json from obas pki issue-tpp)')
    .option('--jwks-uri <url>', 'software_jwks_endpoint: where the software publishes its keys', validated(httpsUrl))
    .option('--client-name <name>', 'software_client_name (default: the software id)')
    .option('--days <n>', 'validity in days (exp)', validated(parseDays), 365)
    .action(async (options: IssueOptions) => {
      if (options.jwksFile !== undefined && options.jwksUri !== undefined) throw new Error('give --jwks-file or --jwks-uri, not both');
      const directory = await openSandboxDirectory((await loadConfig()).dataDir);
      const jwt = await issueSandboxSoftwareStatement(
        directory,
        {
          orgId: options.org,
          softwareId: options.softwareId,
          roles: options.roles,
          redirectUris: options.redirectUri,
          lifetimeDays: options.days,
          ...(options.orgName === undefined ? {} : { orgName: options.orgName }),
          ...(options.clientName === undefined ? {} : { clientName: options.clientName }),
          ...(options.jwksFile === undefined ? {} : { jwks: await jwksFrom(options.jwksFile) }),
          ...(options.jwksUri === undefined ? {} : { jwksUri: options.jwksUri }),
        },
        new Date(),
      );
      print(jwt);
    });

  command
    .command('sign-request')
    .description('sign a UK OB DCR registration request (application/jose) with the TPP key')
    .requiredOption('--ssa <file>', 'file holding the software statement (output of obas ssa issue)')
    .requiredOption('--key <file>', 'PEM private key of the software (e.g. tpp/tpp.key)')
    .option('--kid <kid>', 'kid of the key in the software JWKS (default: its RFC 7638 thumbprint)')
    .option('--aud <issuer>', 'the authorization server issuer (default: the configured issuer)')
    .option('--metadata <json>', 'client metadata to request', validated(jsonObject), DEFAULT_METADATA)
    .action(async (options: SignRequestOptions) => {
      const [softwareStatement, keyPem] = await Promise.all([readFile(options.ssa, 'utf8'), readFile(options.key, 'utf8')]);
      const jwt = await signTppRegistrationRequest(
        {
          softwareStatement: softwareStatement.trim(),
          keyPem,
          audience: options.aud ?? (await loadConfig()).issuer,
          metadata: options.metadata,
          lifetimeSeconds: 300,
          ...(options.kid === undefined ? {} : { kid: options.kid }),
        },
        new Date(),
      );
      print(jwt);
    });

  return command;
}
