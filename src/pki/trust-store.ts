import type { X509Certificate } from 'node:crypto';

/** The configured trust anchors (RFC 5280 §6.1.1 (d)), indexed for path building. */
export interface TrustStore {
  readonly anchors: readonly X509Certificate[];
  isAnchor(certificate: X509Certificate): boolean;
}

const stores = new WeakMap<readonly X509Certificate[], TrustStore>();

function buildStore(anchors: readonly X509Certificate[]): TrustStore {
  const fingerprints = new Set(anchors.map((anchor) => anchor.fingerprint256));
  return {
    anchors,
    isAnchor: (certificate) => fingerprints.has(certificate.fingerprint256),
  };
}

/** The trust store of a list of anchors, memoised per list (the list is treated as immutable). */
export function trustStore(anchors: readonly X509Certificate[]): TrustStore {
  let store = stores.get(anchors);
  if (store === undefined) {
    store = buildStore(anchors);
    stores.set(anchors, store);
  }
  return store;
}
