import { STATUS_BY_CODE } from './oauth-error.js';
import { REASONS, type ReasonCodes } from './reason-catalogue.js';

/**
 * Renders docs/errors.md from the error model itself, so the document cannot drift from the code
 * (`test/errors/errors-document.test.ts` compares them; `npm run docs:errors` rewrites it).
 */
export function renderErrorsDocument(): string {
  const codes = Object.entries(STATUS_BY_CODE).map(([code, status]) => `| \`${code}\` | ${status} |`);
  const reasons = Object.entries(REASONS).map(([key, entry]: [string, ReasonCodes]) =>
    `| \`${key}\` | ${entry.when} | \`${entry.uk.code}\` ${entry.uk.name} | \`${entry.stet.code}\` ${entry.stet.name} |`,
  );
  return [
    '# Errors',
    '',
    '<!-- Generated from src/errors/*.ts by `npm run docs:errors`; a test fails when this file is out of date. -->',
    '',
    'Every error response is JSON: `{"error": "<code>", "error_description": "<text>"}` (RFC 6749 §5.2), with',
    '`Cache-Control: no-store` and the `x-fapi-interaction-id` of the exchange. `invalid_client` after HTTP Basic',
    'carries `WWW-Authenticate: Basic realm="obas"`; `invalid_token` (RFC 7592 client configuration requests) carries',
    '`WWW-Authenticate: Bearer realm="obas"`; 405 carries `Allow`. Anything unexpected is a 500 `server_error`',
    'whose description says nothing about the cause; the cause is in the log line with the same interaction id.',
    '',
    '## Error codes and HTTP status',
    '',
    '| error | HTTP status |',
    '|---|---|',
    ...codes,
    '',
    'An oversized body is `invalid_request` with status 413 (the limit is `limits.bodyBytes`, 16 KiB by default).',
    '',
    '## Reason codes in `error_description`',
    '',
    'The profile\'s `reasonCodeDialect` decides what precedes the description:',
    '',
    '- `uk-ob` (profile `uk-ob`): an OBExternalStatusReason1Code and its name, e.g.',
    '  `U019 UK.OBIE.Signature.Missing: A client certificate is required`.',
    '- `stet` (profile `stet`): an ISO 20022 external status reason code and its name, e.g.',
    '  `DS0E IncorrectSignerCertificate: A client certificate is required`.',
    '- `none` (profile `fapi2`): the description alone.',
    '',
    'Codes come from the open banking code sets (Open Banking Limited, External_Internal_CodeSets).',
    '',
    '| reason | when | UK OB | STET |',
    '|---|---|---|---|',
    ...reasons,
    '',
  ].join('\n');
}
