import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { FieldProblem } from '../../errors/oauth-error.js';
import type { ReasonKey } from '../../errors/reason-catalogue.js';
import type { UkApiVersion } from '../../storage/ports.js';
import { V3_1_REQUEST_SCHEMAS } from './schemas/v3-1.request-schemas.js';
import { V4_0_REQUEST_SCHEMAS } from './schemas/v4-0.request-schemas.js';
import { isUkDateTime } from './uk-date-time.js';
import type { UkConsentResource } from './uk-consent-resource.js';
import { bodyPath } from './uk-body-path.js';

const SCHEMAS: Readonly<Record<UkApiVersion, Readonly<Record<UkConsentResource, Readonly<Record<string, unknown>>>>>> = {
  'v3.1': V3_1_REQUEST_SCHEMAS,
  'v4.0': V4_0_REQUEST_SCHEMAS,
};

const ajv = new Ajv({ allErrors: true, messages: false, strict: true, strictTypes: false });
formats.default(ajv, ['int32']);
ajv.addFormat('date-time', { type: 'string', validate: isUkDateTime });

const compiled = new Map<string, ValidateFunction>();

function validatorFor(resource: UkConsentResource, version: UkApiVersion): ValidateFunction {
  const key = `${version} ${resource}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile(SCHEMAS[version][resource] as SchemaObject);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Checks a consent request body against the JSON Schema of the resource in the UK OB release (generated from the
 * official OpenAPI files): required members, types, enumerations, lengths, item counts, patterns, `date-time` with a
 * time zone offset, and no member the schema does not define. Every violation is reported, in document order.
 */
export function checkUkConsentSchema(resource: UkConsentResource, version: UkApiVersion, body: unknown): FieldProblem[] {
  const validate = validatorFor(resource, version);
  if (validate(body)) return [];
  return withoutUnionBranches(validate.errors ?? []).map(toFieldProblem);
}

/** A failed `oneOf` reports each branch's error too; keep only the `oneOf` verdict for that member. */
function withoutUnionBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf').map((error) => error.instancePath);
  return errors.filter(
    (error) =>
      error.keyword === 'oneOf' ||
      error.keyword === 'anyOf' ||
      !unions.some((path) => error.instancePath === path || error.instancePath.startsWith(`${path}/`)),
  );
}

function toFieldProblem(error: ErrorObject): FieldProblem {
  const segments = pointerSegments(error.instancePath);
  const member = memberOf(error);
  if (member !== undefined) segments.push(member);
  return { reason: reasonOf(error, segments), message: messageOf(error), path: bodyPath(segments) };
}

function memberOf(error: ErrorObject): string | undefined {
  if (error.keyword === 'required') return String(error.params['missingProperty']);
  if (error.keyword === 'additionalProperties') return String(error.params['additionalProperty']);
  return undefined;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function reasonOf(error: ErrorObject, segments: readonly string[]): ReasonKey {
  const leaf = segments.at(-1);
  const valueRule = error.keyword === 'pattern' || error.keyword === 'enum' || error.keyword === 'oneOf';
  switch (error.keyword) {
    case 'required':
      return 'field_missing';
    case 'additionalProperties':
      return 'field_unexpected';
    case 'format':
      return error.params['format'] === 'date-time' ? 'field_invalid_date' : 'field_invalid';
  }
  if (valueRule && (leaf === 'Frequency' || (leaf === 'Type' && segments.at(-2) === 'Frequency'))) return 'frequency_unsupported';
  if (error.keyword === 'pattern' && leaf === 'Amount') return 'amount_invalid';
  if (error.keyword === 'pattern' && leaf === 'Currency') return 'currency_invalid';
  return 'field_invalid';
}

function messageOf(error: ErrorObject): string {
  const limit = Number(error.params['limit']);
  switch (error.keyword) {
    case 'required':
      return 'This member is required';
    case 'additionalProperties':
      return 'This member is not defined for this resource and version';
    case 'type':
      return `Must be of type ${String(error.params['type'])}`;
    case 'format':
      return error.params['format'] === 'date-time'
        ? 'Must be an ISO 8601 date-time with seconds and a time zone offset, e.g. 2030-01-31T10:00:00+00:00'
        : `Must match the ${String(error.params['format'])} format`;
    case 'minLength':
      return `Must be at least ${limit} characters long`;
    case 'maxLength':
      return `Must be at most ${limit} characters long`;
    case 'minItems':
      return `Must have at least ${limit} items`;
    case 'maxItems':
      return `Must have at most ${limit} items`;
    case 'pattern':
      return 'Has an invalid format';
    default:
      return 'Is not an allowed value';
  }
}
