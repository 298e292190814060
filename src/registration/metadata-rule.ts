import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { ClientMetadata } from '../storage/ports.js';

/** What the server supports, against which metadata is judged. */
export interface ClientMetadataContext {
  /** Client authentication methods the profile allows (`profile.allowedAuthMethods`). */
  readonly allowedAuthMethods: readonly ClientAuthMethod[];
  /** When true, `tls_client_certificate_bound_access_tokens` is forced to true (RFC 8705 §3.4). */
  readonly alwaysBindTokens: boolean;
  /** Grant types with a handler (the grant registry's keys). */
  readonly supportedGrantTypes: readonly string[];
}

/** One rejected field; `message` reads `got <value>, expected <what>` (RFC 7591 §3.2.2 `invalid_client_metadata`). */
export interface ClientMetadataProblem {
  /** Field path, e.g. `token_endpoint_auth_method` or `jwks.keys[1].d`. */
  readonly field: string;
  readonly message: string;
}

/** Outcome of validating client metadata. */
export type ClientMetadataResult =
  | { readonly ok: true; readonly metadata: ClientMetadata }
  | { readonly ok: false; readonly errors: ClientMetadataProblem[] };

/** What a rule sees: the input, the context, the metadata built so far, and where to put problems. */
export interface MetadataRuleInput {
  readonly input: Readonly<Record<string, unknown>>;
  readonly context: ClientMetadataContext;
  readonly output: Record<string, unknown>;
  readonly problems: ClientMetadataProblem[];
}

/** One validation rule: checks some fields, copies the valid ones into `output`, records problems. */
export type MetadataRule = (rule: MetadataRuleInput) => void;
