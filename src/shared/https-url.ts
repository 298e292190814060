/** An absolute https URL without fragment (RFC 7591 §2 URIs, RFC 6749 §3.1.2 redirection endpoints). */
export const isHttpsUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hash === '' && !value.includes('#');
  } catch {
    return false;
  }
};
