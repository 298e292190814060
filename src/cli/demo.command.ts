import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { ProfileName } from '../protocol/profile-name.js';
import { PROFILE_NAMES } from '../config/profiles/profile-registry.js';
import { runDemo } from '../demo/run-demo.js';
import { validated } from './option-parsers.js';

/** Options of `obas demo`, as parsed by commander. */
interface DemoCommandOptions {
  readonly profile: ProfileName;
  readonly verbose?: boolean;
  readonly issuer?: string;
  readonly mtlsUrl?: string;
  readonly dataDir: string;
  readonly tppCa: 'dev' | 'untrusted';
}

/** An https base URL without query or fragment, trailing slash removed. */
function httpsBaseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'https:' || url.search !== '' || url.hash !== '') throw new Error(`${value} is not an https URL without query or fragment`);
  return url.href.replace(/\/$/, '');
}

/**
 * `obas demo`: plays a TPP against obas, offline, one line per step with its duration, exit code 0 only when every
 * step behaved as expected. By default it starts its own obas in a temporary data directory; `--issuer` and
 * `--mtls-url` (both) point it at a running one instead, whose dev CA and sandbox directory are read from `--data-dir`.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description('act as a TPP end to end: certificate, SSA, registration, tokens, consent, PSU approval, revocation')
    .addOption(new Option('--profile <name>', 'ecosystem').choices(PROFILE_NAMES).default('fapi2'))
    .option('--verbose', 'show every HTTP exchange (method, URL, status, headers, bodies), secrets redacted')
    .option('--issuer <url>', 'use the running obas with this issuer (front channel) instead of starting one', validated(httpsBaseUrl))
    .option('--mtls-url <url>', 'with --issuer: the base URL of its mutual-TLS listener', validated(httpsBaseUrl))
    .option('--data-dir <dir>', "with --issuer: the running server's data directory (its dev CA and sandbox directory)", '.obas')
    .addOption(new Option('--tpp-ca <ca>', 'failure drill: who signs the TPP certificate').choices(['dev', 'untrusted']).default('dev').hideHelp())
    .action(async (options: DemoCommandOptions) => {
      if ((options.issuer === undefined) !== (options.mtlsUrl === undefined)) throw new Error('give --issuer and --mtls-url together');
      const report = await runDemo({
        profile: options.profile,
        verbose: options.verbose === true,
        tppCertificateIssuer: options.tppCa === 'dev' ? 'dev-ca' : 'untrusted-ca',
        ...(options.issuer === undefined || options.mtlsUrl === undefined
          ? {}
          : { server: { issuer: options.issuer, mtlsUrl: options.mtlsUrl, dataDir: resolve(options.dataDir) } }),
      });
      process.exitCode = report.ok ? 0 : 1;
    });
}
