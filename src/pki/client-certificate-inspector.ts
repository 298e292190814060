import { createHash, hash, X509Certificate } from 'node:crypto';
import { certificateThumbprintS256 } from './certificate-thumbprint.js';
import { extensionValue, parseCertificateStructure } from './certificate-facts.js';
import { chainTrustAt, prepareChain, type PreparedChain } from './chain-validator.js';
import type { ClientCertificate } from './client-certificate.js';
import { ORGANIZATION_IDENTIFIER_OID } from './dn-attribute-types.js';
import { nameToRdns, normalizeRdns } from './distinguished-name.js';
import { LruCache } from './lru-cache.js';
import { decodeQcStatements, QC_STATEMENTS_OID } from './qc-statement.js';
import { subjectAltNames } from './subject-alt-names.js';
import { trustStore } from './trust-store.js';

/** What {@link createCertificateInspector} keeps per certificate: everything but the time-dependent trust. */
type ParsedCertificate = Omit<ClientCertificate, 'trust' | 'source'>;

/** Options of {@link createCertificateInspector}. */
export interface CertificateInspectorOptions {
  /** Certificates (and chains) remembered; default 1000. */
  readonly cacheSize?: number;
}

/** Turns the DER a TLS socket or a trusted proxy (RFC 9440) presented into a {@link ClientCertificate}. */
export interface CertificateInspector {
  /**
   * Parses the leaf and validates the chain at `now`. Throws a plain Error when the leaf or a chain member is not a
   * well-formed certificate.
   */
  inspect(
    leafDer: Buffer,
    presentedChainDer: readonly Buffer[],
    now: Date,
    source: ClientCertificate['source'],
  ): ClientCertificate;
}

function parseLeaf(leafDer: Buffer, thumbprintS256: string): ParsedCertificate {
  const leaf = new X509Certificate(leafDer);
  const structure = parseCertificateStructure(leafDer);
  const rdns = nameToRdns(structure.tbsCertificate.subject);
  const organizationIdentifier = rdns
    .flat()
    .find((attribute) => attribute.oid === ORGANIZATION_IDENTIFIER_OID && typeof attribute.value === 'string')?.value;
  const qcStatements = extensionValue(structure, QC_STATEMENTS_OID);
  const psd2 = qcStatements === undefined ? undefined : decodeQcStatements(qcStatements).psd2;
  return {
    leaf,
    thumbprintS256,
    subjectDn: normalizeRdns(rdns),
    subjectAltNames: subjectAltNames(structure),
    ...(typeof organizationIdentifier === 'string' ? { organizationIdentifier } : {}),
    ...(psd2 === undefined ? {} : { psd2 }),
  };
}

function chainKey(thumbprintS256: string, chainDer: readonly Buffer[]): string {
  if (chainDer.length === 0) return thumbprintS256;
  const chain = createHash('sha256');
  for (const der of chainDer) chain.update(hash('sha256', der, 'buffer'));
  return `${thumbprintS256}.${chain.digest('base64url')}`;
}

/**
 * An inspector bound to fixed trust anchors (RFC 8705 §2.1). It runs on every mTLS request, so parsing (DN, SANs,
 * organizationIdentifier, PSD2 QCStatement, RFC 8705 §3.1 thumbprint) and the signature work of chain validation are
 * kept in bounded LRU caches keyed by SHA-256 of the DER; a cache hit costs two hashes, two map look-ups and the
 * validity-window comparisons with `now`, which are never cached.
 */
export function createCertificateInspector(
  anchors: readonly X509Certificate[],
  options: CertificateInspectorOptions = {},
): CertificateInspector {
  const store = trustStore(Object.freeze([...anchors]));
  const parsed = new LruCache<string, ParsedCertificate>(options.cacheSize ?? 1000);
  const chains = new LruCache<string, PreparedChain>(options.cacheSize ?? 1000);
  return {
    inspect(leafDer, presentedChainDer, now, source) {
      const thumbprintS256 = certificateThumbprintS256(leafDer);
      let certificate = parsed.get(thumbprintS256);
      if (certificate === undefined) {
        certificate = parseLeaf(leafDer, thumbprintS256);
        parsed.set(thumbprintS256, certificate);
      }
      const key = chainKey(thumbprintS256, presentedChainDer);
      let prepared = chains.get(key);
      if (prepared === undefined) {
        const presented = presentedChainDer.map((der) => new X509Certificate(der));
        prepared = prepareChain(certificate.leaf, presented, store);
        chains.set(key, prepared);
      }
      return { ...certificate, trust: chainTrustAt(prepared, now), source };
    },
  };
}
