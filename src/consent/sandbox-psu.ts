/** One account of a sandbox PSU, offered on the consent page. */
export interface SandboxAccount {
  /** Stable account id (what grants and intents record). */
  readonly id: string;
  /** What the PSU sees, e.g. "Current account". */
  readonly name: string;
  /** IBAN, or UK sort code and account number. */
  readonly identification: string;
  /** ISO 4217 currency code. */
  readonly currency: string;
}

/** A sandbox PSU: a stand-in for the bank's customer directory. */
export interface SandboxPsu {
  readonly username: string;
  /** scrypt hash (`obas clients hash-secret` format) of the password; never the clear password. */
  readonly passwordHash: string;
  /** The `sub` of ID tokens and the subject of tokens. */
  readonly subject: string;
  readonly name: string;
  readonly accounts: readonly SandboxAccount[];
}
