import type { ResourceServerConfig } from './resource-server-config.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import { normalizeDn } from '../pki/distinguished-name.js';

/**
 * Recognises the bank's resource servers by the mTLS certificate they present (configured `resourceServers`): a
 * certificate that chains to a trust anchor and carries a configured subject DN (RFC 4514 comparison) or has a
 * configured `x5t#S256` thumbprint. Undefined for anyone else.
 */
export type IdentifyResourceServer = (certificate: ClientCertificate | undefined) => ResourceServerConfig | undefined;

/** Builds the resource server check over the configured list (DNs normalised once). */
export function createResourceServerIdentifier(servers: readonly ResourceServerConfig[]): IdentifyResourceServer {
  const byDn = new Map(servers.filter((server) => server.subjectDn !== undefined).map((server) => [normalizeDn(server.subjectDn ?? ''), server]));
  const byThumbprint = new Map(servers.filter((server) => server.certificateThumbprint !== undefined).map((server) => [server.certificateThumbprint ?? '', server]));
  return (certificate) => {
    if (certificate === undefined || certificate.trust.status !== 'trusted') return undefined;
    return byThumbprint.get(certificate.thumbprintS256) ?? byDn.get(certificate.subjectDn);
  };
}
