import type { IntrospectionResponseFormat } from '../consent/resource-server-config.js';
import { invalidRequest } from '../errors/error-factories.js';

/** The media type of a JWT introspection response (RFC 9701 §4 in `Accept`, §5 in `Content-Type`). */
export const INTROSPECTION_JWT_MEDIA_TYPE = 'application/token-introspection+jwt';

const JSON_MEDIA_TYPE = 'application/json';
const MAX_RANGES = 64;
const TOKEN = "[a-z0-9!#$%&'*+.^_`|~-]+";
const MEDIA_RANGE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);
/** RFC 9110 §12.4.2 `qvalue`. */
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

/**
 * The format of an introspection answer, from the request's `Accept` (RFC 9110 §12.5.1) and the format the caller
 * wants by default (`preferred`: `jwt` for a resource server configured so, else `json`):
 * - no `Accept`, or an empty one: `preferred`;
 * - `preferred` `json`: the JWT when `Accept` names `application/token-introspection+jwt` (RFC 9701 §4) with a quality
 *   at least that of `application/json` (wildcards count for JSON only: a request that does not name the type stays JSON), else JSON;
 * - `preferred` `jwt`: the JWT, unless `Accept` refuses it while allowing JSON: that is refused with 400
 *   `invalid_request`, never downgraded to an unsigned answer (as RFC 9701 §5 has it for encrypted responses).
 *
 * An `Accept` allowing neither is disregarded (RFC 9110 §12.5.1 lets the server ignore it rather than answer 406):
 * the caller gets `preferred`, whose `Content-Type` tells it what came.
 */
export function introspectionFormat(accept: string | undefined, preferred: IntrospectionResponseFormat): IntrospectionResponseFormat {
  if (accept === undefined || accept.trim() === '') return preferred;
  const ranges = mediaRanges(accept);
  const json = quality(ranges, JSON_MEDIA_TYPE);
  if (preferred === 'jwt') {
    if (quality(ranges, INTROSPECTION_JWT_MEDIA_TYPE) > 0 || json === 0) return 'jwt';
    throw invalidRequest(
      `This resource server receives signed introspection responses (RFC 9701): Accept must allow ${INTROSPECTION_JWT_MEDIA_TYPE}`,
      'introspection_jwt_required',
    );
  }
  const named = quality(ranges, INTROSPECTION_JWT_MEDIA_TYPE, false);
  return named > 0 && named >= json ? 'jwt' : 'json';
}

/** The well-formed media ranges of an `Accept` value (RFC 9110 §12.5.1), lower-cased; malformed ones are ignored. */
function mediaRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .slice(0, MAX_RANGES)
    .flatMap((part) => {
      const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const match = MEDIA_RANGE.exec(range);
      const q = parameters.find((parameter) => /^q\s*=/.test(parameter))?.replace(/^q\s*=\s*/, '');
      if (match === null || (q !== undefined && !QVALUE.test(q))) return [];
      return [{ type: match[1] ?? '', subtype: match[2] ?? '', quality: q === undefined ? 1 : Number(q) }];
    });
}

/**
 * The quality `ranges` give `mediaType`: that of the most specific range matching it (`type/subtype`, then `type/*`,
 * then the full wildcard; RFC 9110 §12.5.1), 0 when none does. With `wildcards` false, only a range naming the type counts.
 */
function quality(ranges: readonly MediaRange[], mediaType: string, wildcards = true): number {
  const [type, subtype] = mediaType.split('/');
  const exact = ranges.find((range) => range.type === type && range.subtype === subtype);
  if (exact !== undefined || !wildcards) return exact?.quality ?? 0;
  const matching = ranges.find((range) => range.type === type && range.subtype === '*') ?? ranges.find((range) => range.type === '*' && range.subtype === '*');
  return matching?.quality ?? 0;
}
