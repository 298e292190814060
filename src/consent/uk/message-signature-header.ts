import { OAuthError } from '../../errors/oauth-error.js';
import type { ReasonKey } from '../../errors/reason-catalogue.js';
import { isRecord } from '../../shared/is-record.js';

/** The private JOSE header parameters of UK OB message signing (read/write data API profile v3.1.4+, "Message Signing"). */
export const OB_IAT = 'http://openbanking.org.uk/iat';
export const OB_ISS = 'http://openbanking.org.uk/iss';
export const OB_TAN = 'http://openbanking.org.uk/tan';
/** The `crit` value: exactly the three private parameters (no `b64` since v3.1.4: the payload is base64url-encoded). */
export const OB_CRITICAL: readonly string[] = [OB_IAT, OB_ISS, OB_TAN];
/** `alg` values accepted and produced: the FAPI algorithms. */
export const MESSAGE_SIGNING_ALGS = ['PS256', 'ES256'] as const;
/** How far in the future an `iat` may be (clocks of TPP and obas differ a little). */
export const IAT_SKEW_SECONDS = 10;

const REQUIRED = ['alg', 'kid', 'crit', ...OB_CRITICAL];
const ALLOWED = new Set([...REQUIRED, 'typ', 'cty']);
const DETACHED_JWS = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;
const JSON_CONTENT_TYPES = ['json', 'application/json'];

/** A detached JWS (RFC 7515 Appendix F) split into its encoded protected header and signature, with the header decoded. */
export interface DetachedJws {
  readonly encodedHeader: string;
  readonly signature: string;
  readonly header: Readonly<Record<string, unknown>>;
}

/** What the signer of a request must be and trust. */
export interface SignerExpectations {
  /** `http://openbanking.org.uk/iss` values that identify the client. */
  readonly issuers: readonly string[];
  /** `http://openbanking.org.uk/tan` values (trust anchor domain names) accepted. */
  readonly trustAnchors: readonly string[];
  readonly now: Date;
}

/** A message signing refusal: 400 with the reason and, in `Errors[].Path`, the header or claim at fault. */
export function signatureError(reason: ReasonKey, message: string, path: string, detail?: string): OAuthError {
  return new OAuthError('invalid_request', message, {
    reason,
    fields: [{ reason, message, path }],
    ...(detail === undefined ? {} : { detail }),
  });
}

/** Splits an `x-jws-signature` value: missing → U019 Signature.Missing; not `header..signature` with a JSON header → U018. */
export function parseDetachedJws(value: string | undefined): DetachedJws {
  if (value === undefined || value.trim() === '') {
    throw signatureError('signature_missing', 'The request must carry a detached JWS of its body in x-jws-signature', 'x-jws-signature');
  }
  const parts = DETACHED_JWS.exec(value.trim());
  const header = parts === null ? undefined : decodeHeader(parts[1] ?? '');
  if (parts === null || header === undefined) {
    throw signatureError('signature_malformed', 'The x-jws-signature must be a detached JWS: base64url header, two dots, base64url signature', 'x-jws-signature');
  }
  return { encodedHeader: parts[1] ?? '', signature: parts[2] ?? '', header };
}

function decodeHeader(encoded: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return isRecord(header) ? header : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks the JOSE header as the profile's "Process for Verifying a Signature", step 2, asks: every required claim
 * present (else U017, each missing one in `Path`), then no claim beyond those the profile lists, `alg` PS256 or ES256,
 * `typ` JOSE and `cty` json or application/json when present, `crit` exactly the three private claims, `iat` a number
 * not in the future, `iss` the client, `tan` a trusted trust anchor (else U016 with the claim in `Path`).
 */
export function checkSignatureHeader(header: Readonly<Record<string, unknown>>, expected: SignerExpectations): void {
  const missing = REQUIRED.filter((name) => header[name] === undefined);
  if (missing.length > 0) {
    throw new OAuthError('invalid_request', `The x-jws-signature header lacks ${missing.join(', ')}`, {
      reason: 'signature_claim_missing',
      fields: missing.map((path) => ({ reason: 'signature_claim_missing' as const, message: `The x-jws-signature header lacks ${path}`, path })),
    });
  }
  const invalid = (path: string, message: string) => signatureError('signature_claim_invalid', message, path);
  const extra = Object.keys(header).find((name) => !ALLOWED.has(name));
  if (extra !== undefined) throw invalid(extra, `The x-jws-signature header must not carry ${extra}`);
  if (!(MESSAGE_SIGNING_ALGS as readonly unknown[]).includes(header['alg'])) throw invalid('alg', `alg must be one of ${MESSAGE_SIGNING_ALGS.join(', ')}`);
  if (typeof header['kid'] !== 'string' || header['kid'] === '') throw invalid('kid', 'kid must be a non-empty string');
  if (header['typ'] !== undefined && header['typ'] !== 'JOSE') throw invalid('typ', 'typ must be JOSE when present');
  if (header['cty'] !== undefined && !JSON_CONTENT_TYPES.includes(String(header['cty']))) throw invalid('cty', 'cty must be json or application/json when present');
  if (!sameNames(header['crit'], OB_CRITICAL)) throw invalid('crit', `crit must list exactly ${OB_CRITICAL.join(', ')}`);
  const iat = header[OB_IAT];
  if (typeof iat !== 'number' || !Number.isFinite(iat) || iat > expected.now.getTime() / 1000 + IAT_SKEW_SECONDS) {
    throw invalid(OB_IAT, `${OB_IAT} must be a NumericDate that is not in the future`);
  }
  if (typeof header[OB_ISS] !== 'string' || !expected.issuers.includes(header[OB_ISS])) throw invalid(OB_ISS, `${OB_ISS} does not identify this client`);
  if (typeof header[OB_TAN] !== 'string' || !expected.trustAnchors.includes(header[OB_TAN])) throw invalid(OB_TAN, `${OB_TAN} is not a trust anchor obas accepts`);
}

function sameNames(value: unknown, names: readonly string[]): boolean {
  return Array.isArray(value) && value.length === names.length && names.every((name) => value.includes(name));
}
