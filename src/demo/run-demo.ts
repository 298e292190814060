import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ProfileName } from '../protocol/profile-name.js';
import { authorizeThroughPages, prepareConsent } from './authorization.steps.js';
import { revokeOnDashboard } from './dashboard-revocation.steps.js';
import { demoProfile } from './demo-profiles.js';
import type { DemoSession } from './demo-session.js';
import { startDemoServer, useRunningServer, type DemoTarget, type RunningServer } from './demo-target.js';
import { transcriptOf } from './exchange-transcript.js';
import { createHttpsTransport, type ExchangeObserver, type HttpsTransport } from './https-transport.js';
import { issueDemoCertificate, issueDemoStatement, registerDemoClient, type TppCertificateIssuer } from './onboarding.steps.js';
import { SecretRedactor } from './secret-redaction.js';
import { formatDuration, StepFailure, StepRunner, type StepRecord } from './step-runner.js';
import { clientCredentialsToken, exchangeCode, introspectAccessToken, refreshRefused, refreshTokens, type DemoClient } from './token.steps.js';
import { createTppHttpClient } from './tpp-http-client.js';

/** What `obas demo` runs. */
export interface DemoOptions {
  readonly profile: ProfileName;
  /** Print each HTTP exchange, secrets redacted. */
  readonly verbose: boolean;
  /** Talk to this running obas instead of starting one in a temporary data directory. */
  readonly server?: RunningServer;
  /** Failure drill: `untrusted-ca` issues the TPP certificate from a CA the server does not trust (default `dev-ca`). */
  readonly tppCertificateIssuer?: TppCertificateIssuer;
  /** Where the lines go (default: standard output). */
  readonly print?: (line: string) => void;
  /** For tests: every exchange as it happened, unredacted. Nothing here is printed. */
  readonly onRawExchange?: ExchangeObserver;
}

/** How a run went. */
export interface DemoReport {
  readonly ok: boolean;
  readonly steps: readonly StepRecord[];
  /** The line naming the failed step (or the set-up) and why. */
  readonly failure?: string;
  readonly milliseconds: number;
}

const SANDBOX_PSU = { username: 'alice', password: 'sandbox-alice' };
const REDIRECT_URI = 'https://demo-tpp.example/callback';

/**
 * `obas demo`: a TPP's whole journey against obas, offline, one line per step: certificate, software statement,
 * registration, client_credentials token, consent, PAR and the PSU's approval through the pages, code exchange,
 * introspection, refresh, the PSU revoking on the dashboard, and the refresh refused with the profile's reason code.
 * Resolves the report; `ok` only when every step behaved as expected.
 */
export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const print = options.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const started = performance.now();
  const profile = demoProfile(options.profile);
  const redactor = new SecretRedactor();
  redactor.remember(SANDBOX_PSU.password);
  const observe: ExchangeObserver = (exchange) => {
    options.onRawExchange?.(exchange);
    if (options.verbose) for (const line of transcriptOf(exchange, redactor)) print(line);
  };
  const finish = (steps: readonly StepRecord[], failure?: string): DemoReport => {
    const milliseconds = performance.now() - started;
    print(failure === undefined ? `demo passed: ${steps.length} steps in ${formatDuration(milliseconds)} (profile ${profile.name})` : `demo failed ${failure}`);
    return { ok: failure === undefined, steps, milliseconds, ...(failure === undefined ? {} : { failure }) };
  };

  let target: DemoTarget;
  try {
    target = options.server === undefined ? await startDemoServer(profile.name) : await useRunningServer(options.server);
  } catch (error) {
    return finish([], `before step 1 (obas): ${error instanceof Error ? error.message : String(error)}`);
  }
  print(`${target.description} (${formatDuration(performance.now() - started)})`);
  const transports: HttpsTransport[] = [];
  const session: DemoSession = {
    profile,
    target,
    psu: SANDBOX_PSU,
    redirectUri: REDIRECT_URI,
    runId: String(randomInt(100_000, 1_000_000)),
    redactor,
    transport(identity) {
      const transport = createHttpsTransport(identity, observe);
      transports.push(transport);
      return transport;
    },
  };
  const runner = new StepRunner(print, options.verbose);
  try {
    await runSteps(session, runner, options.tppCertificateIssuer ?? 'dev-ca');
    return finish(runner.records);
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    return finish(runner.records, `at ${error.message}`);
  } finally {
    for (const transport of transports) transport.close();
    await target.close();
  }
}

async function runSteps(session: DemoSession, runner: StepRunner, issuer: TppCertificateIssuer): Promise<void> {
  const { target, profile } = session;
  const tpp = await runner.step('TPP certificate with PSD2 roles', () => issueDemoCertificate(session, issuer));
  const tls = { caPem: target.devCa.certPem, certPem: tpp.certificate.certPem, keyPem: tpp.certificate.keyPem };
  const http = createTppHttpClient(target.mtlsBaseUrl, session.transport(tls));
  const statement = await runner.step('software statement (sandbox directory)', () => issueDemoStatement(session, tpp));
  const clientId = await runner.step('registration over mutual TLS', () => registerDemoClient(session, http, tpp, statement));
  const client: DemoClient = { clientId, http, thumbprint: tpp.certificate.thumbprintS256 };
  const clientToken = await runner.step('client_credentials token', () => clientCredentialsToken(session, client));
  const consentTitle = profile.stagesConsent ? 'consent staged (account access)' : 'consent (recorded at approval)';
  const plan = await runner.step(consentTitle, () => prepareConsent(session, client, clientToken));
  const code = await runner.step(`PAR and authorization by ${session.psu.username}`, () => authorizeThroughPages(session, client, tpp.certificate, plan));
  const tokens = await runner.step('code exchange', () => exchangeCode(client, session.redirectUri, code, plan.verifier));
  const rs = target.resourceServer;
  const resourceServer =
    rs === undefined
      ? undefined
      : { name: rs.id, http: createTppHttpClient(target.mtlsBaseUrl, session.transport({ ...tls, certPem: rs.certificate.certPem, keyPem: rs.certificate.keyPem })) };
  const introspectionTitle = resourceServer === undefined ? 'introspection (as the client)' : 'introspection (as resource server)';
  const consentId = await runner.step(introspectionTitle, () => introspectAccessToken(client, resourceServer, tokens.accessToken));
  const refreshToken = await runner.step('refresh', () => refreshTokens(client, tokens.refreshToken));
  await runner.step('PSU revokes the consent (dashboard)', () => revokeOnDashboard(session, consentId));
  await runner.step('refresh refused: consent revoked', () => refreshRefused(session, client, refreshToken));
}
