import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** Malformed requests, parameters, grant types, scopes and routes. */
export const REQUEST_REASONS = {
  malformed_request: {
    uk: uk('U010', 'UK.OBIE.Resource.InvalidFormat'),
    stet: iso('FF01', 'InvalidFileFormat'),
    when: 'Body is not parseable, wrong content type, or oversized',
  },
  parameter_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required parameter is missing',
  },
  parameter_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A parameter has an invalid value or is too long',
  },
  parameter_repeated: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('FF02', 'SyntaxError'),
    when: 'A parameter appears more than once (RFC 6749 §3.2)',
  },
  grant_type_unsupported: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The grant type is unknown or not enabled',
  },
  grant_type_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The client is not registered for the grant type',
  },
  scope_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The requested scope exceeds the scope registered for the client',
  },
  token_not_owned: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The token to revoke was issued to another client (RFC 7009 §2.1)',
  },
  introspection_jwt_required: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A resource server configured for JWT introspection responses (RFC 9701) sent an Accept header refusing them',
  },
  method_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The HTTP method is not allowed on this endpoint',
  },
  not_found: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'No endpoint at this path',
  },
  storage_unavailable: {
    uk: uk('U000', 'UK.OBIE.UnexpectedError'),
    stet: iso('FF10', 'BankSystemProcessingError'),
    when: 'The database did not answer in time or refused the connection; retry after Retry-After (503)',
  },
  rate_limited: {
    uk: uk('U000', 'UK.OBIE.UnexpectedError'),
    stet: iso('FF10', 'BankSystemProcessingError'),
    when: 'Too many requests from this client or address; retry after Retry-After (429)',
  },
  internal_error: {
    uk: uk('U000', 'UK.OBIE.UnexpectedError'),
    stet: iso('FF10', 'BankSystemProcessingError'),
    when: 'An unexpected server error; details only in the log',
  },
} as const satisfies Record<string, ReasonCodes>;
