/** Metadata members a feature adds to discovery, and its endpoints on the mTLS listener (RFC 8705 §5). */
export interface MetadataAddition {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly mtlsAliases?: Readonly<Record<string, string>>;
}
