import { formsOf, titleOf } from './html-forms.js';
import type { HttpExchange } from './https-transport.js';
import type { SecretRedactor } from './secret-redaction.js';

const INDENT = '      ';

/**
 * The `--verbose` rendering of an exchange, secrets redacted: the request line, headers and body, then the status,
 * headers and body of the answer. An HTML page is summarised (title, size, its forms and their fields' names) rather
 * than printed: its markup says little and its text may show a secret the PSU is meant to read.
 */
export function transcriptOf(exchange: HttpExchange, redactor: SecretRedactor): string[] {
  const redacted = redactor.redact(exchange);
  return [
    `    → ${redacted.method} ${redacted.url}`,
    ...headerLines(redacted.requestHeaders),
    ...bodyLines(redacted.requestBody, redacted.requestHeaders['content-type']),
    `    ← ${redacted.status}`,
    ...headerLines(redacted.responseHeaders),
    ...bodyLines(redacted.responseBody, headerValue(redacted.responseHeaders['content-type'])),
  ];
}

function headerLines(headers: HttpExchange['responseHeaders']): string[] {
  return Object.entries(headers).flatMap(([name, value]) => (typeof value === 'string' ? [value] : value).map((item) => `${INDENT}${name}: ${item}`));
}

function bodyLines(body: string, contentType: string | undefined): string[] {
  if (body === '') return [];
  if (contentType?.startsWith('text/html') === true) return [`${INDENT}${htmlSummary(body)}`];
  return [`${INDENT}${body}`];
}

function htmlSummary(html: string): string {
  const forms = formsOf(html).map((form) => {
    const names = [...new Set(form.controls.map((control) => control.name))];
    return `${form.method} ${form.action} (${names.join(', ') || 'no fields'})`;
  });
  return `[HTML page "${titleOf(html)}", ${Buffer.byteLength(html)} bytes; forms: ${forms.join('; ') || 'none'}]`;
}

function headerValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
