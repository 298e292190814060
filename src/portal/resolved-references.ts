/**
 * A copy of an OpenAPI document with its local references (`#/…`, RFC 6901 pointers) replaced by what they point to,
 * for the API reference page: Swagger UI resolves each `$ref` of an OpenAPI 3.1 document slowly (measured on
 * docs/openapi.yaml: about 40 s of main-thread work before the first operation shows, against 4 s once resolved).
 * A reference met again inside its own expansion (a cycle) stays a reference. `components` is kept as it is.
 */
export function withLocalReferencesResolved(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const resolve = (node: unknown, expanding: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, expanding));
    if (typeof node !== 'object' || node === null) return node;
    const reference = (node as { $ref?: unknown }).$ref;
    if (typeof reference === 'string' && reference.startsWith('#/') && !expanding.includes(reference)) {
      const target = pointerTarget(document, reference);
      if (target !== undefined) return resolve(target, [...expanding, reference]);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, expanding)]));
  };
  const { components, ...rest } = document;
  const resolved = resolve(rest, []) as Record<string, unknown>;
  return components === undefined ? resolved : { ...resolved, components };
}

function pointerTarget(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointer.slice(2).split('/')) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
