import { createCertificateAuthority } from '../pki/certificate-authority.js';
import { issueTppCertificate, type IssuedCertificate } from '../pki/tpp-certificate.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { issueSandboxSoftwareStatement } from '../registration/sandbox-software-statement.js';
import { signTppRegistrationRequest } from '../registration/tpp-request-signer.js';
import type { DemoSession } from './demo-session.js';
import type { StepResult } from './step-runner.js';
import { expectAnswer, stringMember, type TppHttpClient } from './tpp-http-client.js';

/** Which CA signs the demo TPP's certificate: the server's dev CA, or one the server has never seen (a failure drill). */
export type TppCertificateIssuer = 'dev-ca' | 'untrusted-ca';

/** The demo TPP's organisation and software, as its certificate and software statement name them. */
export interface DemoTppIdentity {
  readonly certificate: IssuedCertificate;
  readonly softwareId: string;
}

/**
 * Step 1: a TPP certificate like an eIDAS QWAC for PSD2 (ETSI TS 119 495): organizationIdentifier, the PSD2
 * QCStatement with the account information and payment initiation roles, a P-256 key (its JWK goes into the SSA).
 */
export async function issueDemoCertificate(session: DemoSession, issuer: TppCertificateIssuer): Promise<StepResult<DemoTppIdentity>> {
  const softwareId = `obas-demo-${session.runId}`;
  const ca =
    issuer === 'dev-ca'
      ? session.target.devCa
      : await createCertificateAuthority({ commonName: 'obas demo untrusted CA', organization: 'nobody the server trusts' });
  const certificate = await issueTppCertificate(ca, {
    organization: 'obas demo TPP',
    organizationIdentifier: `PSDGB-FCA-${session.runId}`,
    commonName: softwareId,
    roles: ['PSP_AI', 'PSP_PI'],
    keyType: 'ec',
  });
  const signer = issuer === 'dev-ca' ? 'the dev CA' : 'an untrusted CA';
  return {
    value: { certificate, softwareId },
    detail: `${certificate.subjectDn}; roles ${certificate.psd2.roles.join(' ')}; signed by ${signer}`,
  };
}

/** Step 2: a software statement signed by the sandbox directory, with the certificate's public key as `software_jwks`. */
export async function issueDemoStatement(session: DemoSession, tpp: DemoTppIdentity): Promise<StepResult<string>> {
  const roles = ['AISP', 'PISP'];
  const statement = await issueSandboxSoftwareStatement(
    session.target.directory,
    {
      orgId: tpp.certificate.organizationIdentifier,
      orgName: 'obas demo TPP',
      softwareId: tpp.softwareId,
      clientName: `obas demo TPP ${session.runId}`,
      roles,
      redirectUris: [session.redirectUri],
      jwks: { keys: [tpp.certificate.publicJwk] },
      lifetimeDays: 1,
    },
    new Date(),
  );
  return { value: statement, detail: `software_id ${tpp.softwareId}, software_roles ${roles.join(' ')}, signed by ${session.target.directory.issuer}` };
}

/**
 * Step 3: dynamic client registration over mutual TLS (RFC 7591; UK OB DCR v3.3 signs the request with the software's
 * key, `application/jose`), for the code flow with refresh tokens and `tls_client_auth`. Resolves the client_id.
 */
export async function registerDemoClient(session: DemoSession, client: TppHttpClient, tpp: DemoTppIdentity, statement: string): Promise<StepResult<string>> {
  const { profile, target } = session;
  const metadata = {
    token_endpoint_auth_method: 'tls_client_auth',
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: [profile.responseType],
    scope: profile.registrationScope,
  };
  const answer =
    profile.registrationFormat === 'jwt'
      ? await client.postJose(
          ENDPOINT_PATHS.registration,
          await signTppRegistrationRequest(
            { softwareStatement: statement, keyPem: tpp.certificate.keyPem, audience: target.issuer, metadata, lifetimeSeconds: 300 },
            new Date(),
          ),
        )
      : await client.postJson(ENDPOINT_PATHS.registration, { software_statement: statement, ...metadata });
  const registered = expectAnswer(answer, 201);
  const clientId = stringMember(registered, 'client_id');
  const format = profile.registrationFormat === 'jwt' ? 'signed request (application/jose)' : 'JSON';
  return { value: clientId, detail: `client_id ${clientId}, scope "${String(registered['scope'])}", tls_client_auth; ${format}` };
}
