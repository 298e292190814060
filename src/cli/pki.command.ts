import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Psd2Role } from '../pki/client-certificate.js';
import { ensureDevPki } from '../pki/dev-ca.js';
import { collect, parseDays, validated } from './option-parsers.js';
import type { KeyType } from '../pki/key-material.js';
import { checkOrganizationIdentifier, DEFAULT_NCA, parseNcaId } from '../pki/psd2-identifiers.js';
import { isPsd2Role, PSD2_ROLES } from '../pki/qc-statement.js';
import { writeTppBundle, type TppBundleFiles } from '../pki/tpp-bundle.js';
import { issueTppCertificate, type IssuedCertificate, type TppCertificateOptions } from '../pki/tpp-certificate.js';

/** Options of `obas pki issue-tpp`, as parsed and validated by commander. */
export interface IssueTppCommandOptions {
  readonly org: string;
  readonly orgId?: string;
  readonly roles?: Psd2Role[];
  readonly ncaName: string;
  readonly ncaId: string;
  readonly country?: string;
  readonly cn?: string;
  readonly key: KeyType;
  readonly days: number;
  readonly sanDns: string[];
  readonly sanUri: string[];
  readonly sanIp: string[];
  readonly sanEmail: string[];
  readonly out?: string;
  readonly force?: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

function parseRoles(value: string): Psd2Role[] {
  const roles = value.split(',').map((role) => role.trim().toUpperCase());
  const unknown = roles.filter((role) => !isPsd2Role(role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new Error(`Unknown PSD2 role ${unknown.join(', ')}; use a comma-separated list of ${PSD2_ROLES.join(', ')}`);
  }
  return [...new Set(roles as Psd2Role[])];
}

function parseCountry(value: string): string {
  if (!/^[A-Z]{2}$/.test(value)) throw new Error('--country must be an ISO 3166 code of two capital letters, e.g. GB');
  return value;
}

function parseIp(value: string): string {
  if (isIP(value) === 0) throw new Error(`${value} is not an IP address`);
  return value;
}

function parseNcaIdOption(value: string): string {
  parseNcaId(value);
  return value;
}

function certificateOptions(options: IssueTppCommandOptions, now: Date): TppCertificateOptions {
  return {
    organization: options.org,
    ncaName: options.ncaName,
    ncaId: options.ncaId,
    keyType: options.key,
    notAfter: new Date(now.getTime() + options.days * DAY_MS),
    subjectAltNames: { dns: options.sanDns, uri: options.sanUri, ip: options.sanIp, email: options.sanEmail },
    ...(options.orgId === undefined ? {} : { organizationIdentifier: options.orgId }),
    ...(options.roles === undefined ? {} : { roles: options.roles }),
    ...(options.country === undefined ? {} : { country: options.country }),
    ...(options.cn === undefined ? {} : { commonName: options.cn }),
  };
}

/** Lines `obas pki issue-tpp` prints: what to register and where the files are. */
function issueSummary(issued: IssuedCertificate, files: TppBundleFiles, caCertPath: string): string[] {
  const { certificate, psd2 } = issued;
  return [
    `issued a TPP certificate signed by the dev CA`,
    `  subject DN (tls_client_auth_subject_dn): ${issued.subjectDn}`,
    `  organizationIdentifier: ${issued.organizationIdentifier}`,
    `  PSD2 roles: ${psd2.roles.join(', ')} (NCA ${psd2.ncaName}, ${psd2.ncaId})`,
    `  x5t#S256: ${issued.thumbprintS256}`,
    `  kid: ${String(issued.publicJwk.kid)} (${String(issued.publicJwk.alg)})`,
    `  valid: ${certificate.notBefore.toISOString()} to ${certificate.notAfter.toISOString()}`,
    `  files:`,
    `    ${files.key}  private key (0600, keep it secret)`,
    `    ${files.certificate}  certificate`,
    `    ${files.chain}  certificate + dev CA, for the TLS client`,
    `    ${files.jwks}  public JWK set`,
    `  dev CA (trust anchor): ${caCertPath}`,
  ];
}

/** Issues the certificate into the dev PKI of `dataDir` and writes its files; returns the summary lines. */
export async function runIssueTpp(
  dataDir: string,
  options: IssueTppCommandOptions,
  now: Date = new Date(),
): Promise<string[]> {
  const pki = await ensureDevPki(dataDir, now);
  const issued = await issueTppCertificate(pki.ca, certificateOptions(options, now));
  const slug = options.org.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tpp';
  const files = await writeTppBundle(resolve(options.out ?? `tpp-${slug}`), issued, options.force === true);
  return issueSummary(issued, files, pki.caCertPath);
}

/**
 * `obas pki issue-tpp` (a PSD2 QWAC-like TPP certificate from the dev CA, ETSI TS 119 495) and `obas pki show-ca`
 * (the path of the dev CA certificate, the trust anchor a client needs). `print` receives each output line.
 */
export function pkiCommand(
  loadDataDir: () => Promise<string>,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Command {
  const command = new Command('pki').description('development PKI: dev CA, localhost TLS certificate, TPP certificates');

  command
    .command('issue-tpp')
    .description('issue a TPP certificate like an eIDAS QWAC (organizationIdentifier, PSD2 roles, NCA) from the dev CA')
    .requiredOption('--org <name>', 'legal name of the TPP (subject O)')
    .option(
      '--org-id <id>',
      'organizationIdentifier, e.g. PSDGB-FCA-123456 (default: derived from --org)',
      validated(checkOrganizationIdentifier),
    )
    .option(
      '--roles <list>',
      `PSD2 roles, comma-separated: ${PSD2_ROLES.join(', ')} (default: PSP_AI,PSP_PI,PSP_IC)`,
      validated(parseRoles),
    )
    .option('--nca-name <name>', 'name of the national competent authority', DEFAULT_NCA.name)
    .option('--nca-id <id>', 'NCA id, e.g. GB-FCA', validated(parseNcaIdOption), DEFAULT_NCA.id)
    .option('--country <code>', 'subject C (default: the country of the NCA id)', validated(parseCountry))
    .option('--cn <name>', 'subject CN: the software statement id / client id (default: a random UUID)')
    .addOption(
      new Option('--key <type>', 'key type: rsa (RSA-2048, PS256) or ec (P-256, ES256)').choices(['rsa', 'ec']).default('rsa'),
    )
    .option('--days <n>', 'validity in days', validated(parseDays), 365)
    .option('--san-dns <name>', 'subjectAltName dNSName (repeatable)', collect(String), [])
    .option('--san-uri <uri>', 'subjectAltName URI (repeatable)', collect(String), [])
    .option('--san-ip <address>', 'subjectAltName iPAddress (repeatable)', collect(parseIp), [])
    .option('--san-email <address>', 'subjectAltName rfc822Name (repeatable)', collect(String), [])
    .option('--out <dir>', 'output directory (default: ./tpp-<org>)')
    .option('--force', 'replace the files of an earlier certificate in --out')
    .action(async (options: IssueTppCommandOptions) => {
      for (const line of await runIssueTpp(await loadDataDir(), options)) print(line);
    });

  command
    .command('show-ca')
    .description('print the path of the dev CA certificate (PEM), creating the dev PKI if needed')
    .action(async () => {
      print((await ensureDevPki(await loadDataDir())).caCertPath);
    });

  return command;
}
