import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ServedRoute } from '../../src/app/obas-app.js';

/** A JSON object of the parsed document. */
export type OpenApiNode = Readonly<Record<string, unknown>>;

/** One operation of the document: where it is served and its Operation Object. */
export interface DocumentedOperation {
  readonly listener: ServedRoute['listener'];
  readonly method: string;
  /** OpenAPI syntax: `/register/{clientId}`. */
  readonly path: string;
  readonly operation: OpenApiNode;
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const LISTENERS: readonly string[] = ['front-channel', 'mtls'] satisfies ServedRoute['listener'][];

const isNode = (value: unknown): value is OpenApiNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** docs/openapi.yaml, parsed (YAML aliases resolved). */
export function readOpenApi(): OpenApiNode {
  const parsed: unknown = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8'));
  if (!isNode(parsed)) throw new Error('docs/openapi.yaml is not a YAML mapping');
  return parsed;
}

/** `node` itself, or the object its local `$ref` (`#/…` JSON pointer) names; throws when the target does not exist. */
export function resolve(document: OpenApiNode, node: unknown): OpenApiNode {
  if (!isNode(node)) throw new Error(`expected an object, got ${JSON.stringify(node)}`);
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/')) throw new Error(`${ref} is not a local reference`);
  const target = ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((current, segment) => (isNode(current) ? current[segment] : undefined), document);
  if (!isNode(target)) throw new Error(`${ref} names nothing`);
  return resolve(document, target);
}

/** Every value of `key` anywhere in the document, depth first. */
export function valuesOf(node: unknown, key: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesOf(item, key));
  if (!isNode(node)) return [];
  return Object.entries(node).flatMap(([name, value]) => [...(name === key ? [value] : []), ...valuesOf(value, key)]);
}

/** Every operation of every path (path items behind `$ref` included), with the listener its `servers` names. */
export function documentedOperations(document: OpenApiNode): DocumentedOperation[] {
  const paths = isNode(document['paths']) ? document['paths'] : {};
  return Object.entries(paths).flatMap(([path, item]) => {
    const pathItem = resolve(document, item);
    return OPERATION_METHODS.filter((method) => isNode(pathItem[method])).map((method) => {
      const operation = pathItem[method] as OpenApiNode;
      return { listener: listenerOf(operation, `${method} ${path}`), method: method.toUpperCase(), path, operation };
    });
  });
}

function listenerOf(operation: OpenApiNode, name: string): ServedRoute['listener'] {
  const servers = operation['servers'];
  const listener = Array.isArray(servers) && servers.length === 1 && isNode(servers[0]) ? servers[0]['x-obas-listener'] : undefined;
  if (typeof listener !== 'string' || !LISTENERS.includes(listener)) {
    throw new Error(`${name} must name one server with x-obas-listener ${LISTENERS.join(' or ')}`);
  }
  return listener as ServedRoute['listener'];
}

/** A Fastify route path in OpenAPI syntax: `/register/:clientId` → `/register/{clientId}`. */
export const openApiPath = (fastifyPath: string): string => fastifyPath.replace(/:(\w+)/g, '{$1}');

/** A documented path with every path parameter filled with a dummy value. */
export const requestPath = (path: string): string => path.replace(/\{\w+\}/g, 'dummy');
