import { tlsIdentityOf } from '../clients/tls-client-identity.js';
import { matchesRegisteredIdentity } from '../client-auth/tls-client-auth.auth.js';
import type { RegistrationSettings } from './registration-settings.js';
import { invalidClient } from '../errors/error-factories.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import { certificateSubjectDn } from '../pki/distinguished-name.js';
import type { ClientMetadata } from '../storage/ports.js';
import {
  CLIENT_METADATA_RULES,
  TLS_SUBJECT_FIELDS,
  validateClientMetadata,
  type ClientMetadataContext,
  type ClientMetadataProblem,
} from './client-metadata.js';
import { invalidClientMetadata, invalidRedirectUri, unapprovedSoftwareStatement } from './registration-errors.js';
import {
  descriptiveRegistrationRule,
  registrationKeysRule,
  signingAlgorithmsRule,
  softwareStatementRule,
} from './registration-metadata.rules.js';
import type { RegistrationRequest } from './registration-request.js';
import type { SoftwareStatement } from './software-statement.js';
import { organisationsAgree, registrableScope } from './tpp-entitlements.js';

/** What registration judges a request against: the profile's knobs and what the running server supports. */
export interface RegistrationPolicy {
  readonly settings: RegistrationSettings;
  /** Auth methods, token binding and the running server's grant types, as for static clients. */
  readonly metadata: ClientMetadataContext;
}

const MAX_PROBLEMS_SHOWN = 5;

/**
 * Decides the metadata of a new or replaced registration (RFC 7591 §3.1, §3.2; RFC 7592 §2.2), or throws the RFC 7591
 * §3.2.2 error. The TPP is the organisation of its (already trusted) certificate; a software statement must name the
 * same organisation. Metadata goes through the static-client rules plus the registration ones; the SSA fills in what
 * the request leaves out and bounds what it asks for; a `tls_client_auth` client must be identified by the presented
 * certificate; the scope is what the profile offers and both role sources cover. The result also records `org_id` and
 * the `software_statement` as received.
 */
export function decideRegistration(
  policy: RegistrationPolicy,
  request: RegistrationRequest,
  certificate: ClientCertificate,
  clientId: string,
): ClientMetadata {
  const statement = request.softwareStatement;
  const orgId = organisationOf(statement, certificate);
  const rules = [
    ...CLIENT_METADATA_RULES,
    signingAlgorithmsRule,
    descriptiveRegistrationRule,
    registrationKeysRule,
    ...(statement === undefined ? [] : [softwareStatementRule(statement)]),
  ];
  const result = validateClientMetadata(withDefaults(request.metadata, statement, certificate, clientId), policy.metadata, rules);
  if (!result.ok) throw metadataError(result.errors);
  const metadata = result.metadata;
  if (metadata['token_endpoint_auth_method'] === 'tls_client_auth' && !matchesRegisteredIdentity(certificate, tlsIdentityOf(metadata))) {
    throw invalidClientMetadata('The tls_client_auth identity must be that of the certificate presented for registration', 'certificate_mismatch');
  }
  const requested = typeof metadata['scope'] === 'string' ? metadata['scope'] : undefined;
  const evidence = {
    certificate: certificate.psd2?.roles ?? [],
    ...(statement === undefined ? {} : { softwareStatement: statement.roles }),
  };
  const scope = registrableScope(requested, policy.settings.scopes, evidence);
  return { ...metadata, scope, org_id: orgId, ...(statement === undefined ? {} : { software_statement: statement.jwt }) };
}

/**
 * The registering organisation: the SSA's `org_id`, which must name the certificate's organisation (a bare number
 * only as its directory's NCA and the certificate's agree; then the full identifier is recorded, so that later
 * checks are exact), else the certificate's organizationIdentifier.
 */
function organisationOf(statement: SoftwareStatement | undefined, certificate: ClientCertificate): string {
  const presented = certificate.organizationIdentifier;
  if (statement !== undefined) {
    const ncaId = certificate.psd2?.ncaId;
    const bare = { directoryAuthority: statement.orgIdAuthority, ...(ncaId === undefined ? {} : { certificateNcaId: ncaId }) };
    if (!organisationsAgree(statement.orgId, presented, bare)) {
      throw unapprovedSoftwareStatement(
        `The software statement org_id ${statement.orgId} is not the organisation of the client certificate (${presented ?? 'no organizationIdentifier'})`,
        'organisation_mismatch',
      );
    }
    return statement.orgId === presented ? statement.orgId : (presented as string);
  }
  if (presented === undefined) {
    throw invalidClient('The client certificate has no organizationIdentifier to register the TPP under', 'certificate_not_valid');
  }
  return presented;
}

/**
 * The request metadata with what the server fills in: our client_id; from the SSA `software_id`, `client_name`,
 * the software's keys when none are given, and its redirect URIs for an authorization_code client that gives none;
 * for `tls_client_auth` without an identity field, the presented certificate's subject DN as the certificate writes it.
 */
function withDefaults(
  requested: Readonly<Record<string, unknown>>,
  statement: SoftwareStatement | undefined,
  certificate: ClientCertificate,
  clientId: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...requested, client_id: clientId };
  if (statement !== undefined) {
    input['software_id'] ??= statement.softwareId;
    if (statement.clientName !== undefined) input['client_name'] ??= statement.clientName;
    if (input['jwks'] === undefined && input['jwks_uri'] === undefined) {
      if (statement.jwksUri !== undefined) input['jwks_uri'] = statement.jwksUri;
      else if (statement.jwks !== undefined) input['jwks'] = { keys: [...statement.jwks.keys] };
    }
    const grants = input['grant_types'];
    if (input['redirect_uris'] === undefined && Array.isArray(grants) && grants.includes('authorization_code')) {
      input['redirect_uris'] = [...statement.redirectUris];
    }
  }
  if (input['token_endpoint_auth_method'] === 'tls_client_auth' && TLS_SUBJECT_FIELDS.every((field) => input[field] === undefined)) {
    input['tls_client_auth_subject_dn'] = certificateSubjectDn(certificate.leaf);
  }
  return input;
}

/** `invalid_redirect_uri` when only redirect URIs are wrong, else `invalid_client_metadata`; every problem listed. */
function metadataError(problems: readonly ClientMetadataProblem[]) {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((item) => (item.field === '' ? item.message : `${item.field}: ${item.message}`));
  const more = problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
  const description = `${shown.join('; ')}${more}`;
  return problems.every((item) => item.field.startsWith('redirect_uris')) ? invalidRedirectUri(description) : invalidClientMetadata(description);
}
