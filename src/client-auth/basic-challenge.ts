/** RFC 6749 §5.2: `invalid_client` after HTTP Basic MUST carry a `WWW-Authenticate` challenge (RFC 7617). */
export const BASIC_CHALLENGE: Readonly<Record<string, string>> = {
  'www-authenticate': 'Basic realm="obas", charset="UTF-8"',
};
