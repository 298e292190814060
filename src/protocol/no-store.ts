/** RFC 6749 §5.1: responses carrying tokens or credentials must not be cached. */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  pragma: 'no-cache',
});
