/** The codes one reason carries per dialect (see `reason-catalogue.ts`). */
export interface ReasonCodes {
  /** OBExternalStatusReason1Code (code and name), e.g. `U028` / `UK.OBIE.Reauthenticate`. */
  readonly uk: { readonly code: string; readonly name: string };
  /** ISO 20022 four-letter status reason code and its name, e.g. `TKXP` / `TokenExpired`. */
  readonly stet: { readonly code: string; readonly name: string };
  /** One line for docs/errors.md: when this reason is reported. */
  readonly when: string;
}

/** A UK OBExternalStatusReason1Code and its name. */
export const uk = (code: string, name: string) => ({ code, name });
/** An ISO 20022 external status reason code and its name. */
export const iso = (code: string, name: string) => ({ code, name });
