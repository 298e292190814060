import type { X509Certificate } from 'node:crypto';
import type { TrustStore } from './trust-store.js';

/** Longest path accepted: the leaf, up to four intermediates and the anchor. */
const MAX_PATH_CERTIFICATES = 6;
/** Signature verifications one search may spend, so that a crafted chain cannot make it expensive. */
const MAX_SIGNATURE_CHECKS = 24;

/**
 * Finds every certification path (RFC 5280 §6.1) from the leaf to a trust anchor through the presented
 * certificates, leaf first, anchor last. Each link is checked with node:crypto: names and key identifiers match
 * (`checkIssued`) and the issuer's key verifies the signature (`verify`). A leaf that is itself an anchor is a path of
 * one. Validity, basic constraints and key usage are checked later, on the paths found.
 */
export function findCertificationPaths(
  leaf: X509Certificate,
  presented: readonly X509Certificate[],
  store: TrustStore,
): X509Certificate[][] {
  const candidates = [...store.anchors, ...presented.filter((certificate) => !store.isAnchor(certificate))];
  const paths: X509Certificate[][] = [];
  let budget = MAX_SIGNATURE_CHECKS;
  const extend = (path: X509Certificate[]): void => {
    const current = path[path.length - 1] as X509Certificate;
    if (store.isAnchor(current)) {
      paths.push(path);
      return;
    }
    if (path.length >= MAX_PATH_CERTIFICATES) return;
    for (const candidate of candidates) {
      if (budget === 0) return;
      if (path.some((member) => member.fingerprint256 === candidate.fingerprint256)) continue;
      if (!current.checkIssued(candidate)) continue;
      budget -= 1;
      if (current.verify(candidate.publicKey)) extend([...path, candidate]);
    }
  };
  extend([leaf]);
  return paths;
}
