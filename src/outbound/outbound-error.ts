/** An outbound request obas refused to make, or that failed: unresolvable, unreachable, too slow, too large, not 2xx. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';

  /**
   * @param message for logs: may name resolved addresses.
   * @param refusal set when the policy refused the URL (not https, or an address obas does not connect to): what is
   *   wrong with it, in words fit for the client that supplied the URL (never an address a host name resolved to).
   */
  constructor(
    message: string,
    readonly refusal?: string,
  ) {
    super(message);
  }
}
