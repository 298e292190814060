import type { X509Certificate } from 'node:crypto';
import { id_kp_clientAuth, KeyUsageFlags } from '@peculiar/asn1-x509';
import { certificateFacts } from './certificate-facts.js';
import { findCertificationPaths } from './certification-path.js';
import type { CertificateTrust } from './client-certificate.js';
import { trustStore, type TrustStore } from './trust-store.js';

/** One certificate of a verified path, reduced to what the time checks need. */
interface PathLink {
  readonly label: string;
  readonly notBefore: number;
  readonly notAfter: number;
}

/**
 * The time-independent outcome of validating a chain: signatures, CA constraints and leaf usage are checked once;
 * {@link chainTrustAt} then only compares validity windows with the request time. Safe to cache for as long as
 * the trust anchors stay the same.
 */
export interface PreparedChain {
  /** Paths to an anchor that passed every time-independent check. */
  readonly paths: readonly (readonly PathLink[])[];
  /** Why no path passed, when none did. */
  readonly untrusted?: string;
  /** Why the leaf may not authenticate a TLS client, when it may not. */
  readonly wrongUsage?: string;
}

function label(certificate: X509Certificate): string {
  return `"${certificate.subject.replaceAll('\n', ', ')}"`;
}

/** RFC 5280 §6.1.4 (k)-(n) for every issuer of the path, and §4.2 for critical extensions obas cannot process. */
function pathProblem(path: readonly X509Certificate[], store: TrustStore): string | undefined {
  for (const [index, certificate] of path.entries()) {
    const facts = certificateFacts(certificate);
    if (!store.isAnchor(certificate) && facts.unrecognisedCritical.length > 0) {
      return `${label(certificate)} has unrecognised critical extensions ${facts.unrecognisedCritical.join(', ')}`;
    }
    if (index === 0) continue;
    if (!facts.isCa) return `issuer ${label(certificate)} is not a CA (basicConstraints)`;
    if (facts.keyUsage !== undefined && (facts.keyUsage & KeyUsageFlags.keyCertSign) === 0) {
      return `issuer ${label(certificate)} may not sign certificates (keyUsage)`;
    }
    const intermediatesBelow = path.slice(1, index).filter((member) => !certificateFacts(member).selfIssued).length;
    if (facts.pathLength !== undefined && intermediatesBelow > facts.pathLength) {
      const found = `the path has ${intermediatesBelow}`;
      return `issuer ${label(certificate)} allows ${facts.pathLength} intermediates below it, ${found}`;
    }
  }
  return undefined;
}

/** RFC 8705 §2 / RFC 5280 §4.2.1.3, §4.2.1.12: the leaf must allow digitalSignature and clientAuth when it restricts usage. */
function leafUsageProblem(leaf: X509Certificate): string | undefined {
  const { keyUsage, extendedKeyUsages } = certificateFacts(leaf);
  if (keyUsage !== undefined && (keyUsage & KeyUsageFlags.digitalSignature) === 0) {
    return 'the keyUsage of the certificate does not include digitalSignature';
  }
  if (extendedKeyUsages !== undefined && !extendedKeyUsages.includes(id_kp_clientAuth)) {
    return 'the extendedKeyUsage of the certificate does not include clientAuth';
  }
  return undefined;
}

function toLinks(path: readonly X509Certificate[]): PathLink[] {
  return path.map((certificate) => {
    const { notBefore, notAfter } = certificateFacts(certificate);
    return { label: label(certificate), notBefore, notAfter };
  });
}

/** Builds and checks the certification paths of a presented chain; see {@link PreparedChain}. */
export function prepareChain(
  leaf: X509Certificate,
  presented: readonly X509Certificate[],
  store: TrustStore,
): PreparedChain {
  try {
    const found = findCertificationPaths(leaf, presented, store);
    if (found.length === 0) return { paths: [], untrusted: `no path from ${label(leaf)} to a trust anchor` };
    const problems = found.map((path) => pathProblem(path, store));
    const paths = found.filter((_, index) => problems[index] === undefined).map(toLinks);
    if (paths.length === 0) return { paths, untrusted: problems[0] as string };
    const wrongUsage = leafUsageProblem(leaf);
    return wrongUsage === undefined ? { paths } : { paths, wrongUsage };
  } catch (error) {
    return { paths: [], untrusted: `malformed certificate: ${(error as Error).message}` };
  }
}

function timeProblem(path: readonly PathLink[], now: number): CertificateTrust | undefined {
  for (const link of path) {
    if (now < link.notBefore) {
      return { status: 'not-yet-valid', detail: `${link.label} is valid from ${new Date(link.notBefore).toISOString()}` };
    }
    if (now > link.notAfter) {
      return { status: 'expired', detail: `${link.label} expired at ${new Date(link.notAfter).toISOString()}` };
    }
  }
  return undefined;
}

/** The trust of a prepared chain at `now` (RFC 5280 §6.1.3 (a)(2): every certificate of the path must be valid). */
export function chainTrustAt(prepared: PreparedChain, now: Date): CertificateTrust {
  if (prepared.untrusted !== undefined) return { status: 'untrusted', detail: prepared.untrusted };
  const time = now.getTime();
  let firstProblem: CertificateTrust | undefined;
  for (const path of prepared.paths) {
    const problem = timeProblem(path, time);
    if (problem === undefined) {
      return prepared.wrongUsage === undefined
        ? { status: 'trusted' }
        : { status: 'wrong-usage', detail: prepared.wrongUsage };
    }
    firstProblem ??= problem;
  }
  return firstProblem ?? { status: 'untrusted', detail: 'no certification path' };
}

/**
 * Validates a client certificate chain against the trust anchors at `now` (RFC 8705 §2.1, RFC 5280 §6.1):
 * a path leaf → presented intermediates → anchor with verified signatures, every certificate within its validity
 * window, issuers that are CAs allowed to sign certificates within their path length, and a leaf usable for TLS client
 * authentication. A self-signed leaf that is not itself an anchor is `untrusted`.
 */
export function validateChain(
  leaf: X509Certificate,
  presented: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): CertificateTrust {
  return chainTrustAt(prepareChain(leaf, presented, trustStore(anchors)), now);
}
