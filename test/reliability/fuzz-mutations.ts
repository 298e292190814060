import fc from 'fast-check';
import type { Late } from './fuzz-arbitraries.js';

/** One change to a list of name/value pairs (a form, a query, headers): drop, repeat, rename, replace, empty, add. */
export interface EntryMutation {
  readonly op: 'drop' | 'repeat' | 'rename' | 'replace' | 'empty' | 'add';
  /** Which entry (modulo the list's length). */
  readonly at: number;
  readonly name: string;
  readonly value: string;
}

/** None (two times in five: the request stays valid) or one to three changes; shrinks to none. */
function someChanges<T>(change: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant<T[]>([]) }, { weight: 3, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }) });
}

/** Changes to a list of pairs (see {@link someChanges}). */
export function entryMutations(names: fc.Arbitrary<string>, values: fc.Arbitrary<string>): fc.Arbitrary<EntryMutation[]> {
  const op = fc.constantFrom<EntryMutation['op']>('drop', 'repeat', 'rename', 'replace', 'empty', 'add');
  return someChanges(fc.record({ op, at: fc.nat({ max: 64 }), name: names, value: values }));
}

/** `entries` with the mutations applied in order. */
export function mutateEntries(entries: readonly (readonly [string, Late])[], mutations: readonly EntryMutation[]): (readonly [string, Late])[] {
  const result = [...entries];
  for (const { op, at, name, value } of mutations) {
    const index = result.length === 0 ? 0 : at % result.length;
    const entry = result[index];
    if (op === 'add' || entry === undefined) result.push([name, value]);
    else if (op === 'drop') result.splice(index, 1);
    else if (op === 'repeat') result.splice(index, 0, entry);
    else if (op === 'rename') result[index] = [name, entry[1]];
    else if (op === 'replace') result[index] = [entry[0], value];
    else result[index] = [entry[0], ''];
  }
  return result;
}

/** One change somewhere in a JSON document: a node replaced by another value, or removed. */
export interface JsonMutation {
  readonly op: 'set' | 'delete';
  /** Which node, in depth-first order (modulo the number of nodes; 0 is the root). */
  readonly at: number;
  readonly value: unknown;
}

/** Changes to a JSON document (see {@link someChanges}). */
export function jsonMutations(values: fc.Arbitrary<unknown>): fc.Arbitrary<JsonMutation[]> {
  return someChanges(fc.record({ op: fc.constantFrom<JsonMutation['op']>('set', 'delete'), at: fc.nat({ max: 256 }), value: values }));
}

type Container = Record<string, unknown> | unknown[];

function nodePaths(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const here = [path];
  if (typeof value !== 'object' || value === null) return here;
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [...here, ...keys.flatMap((key) => nodePaths((value as Record<string | number, unknown>)[key], [...path, key]))];
}

/** A copy of `document` with the mutations applied in order. */
export function mutateJson(document: unknown, mutations: readonly JsonMutation[]): unknown {
  let result = structuredClone(document);
  for (const { op, at, value } of mutations) {
    const paths = nodePaths(result);
    const path = paths[at % paths.length] ?? [];
    if (path.length === 0) {
      result = op === 'set' ? structuredClone(value) : undefined;
      continue;
    }
    let parent = result as Container;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key] as Container;
    const last = path[path.length - 1] as string | number;
    if (op === 'set') (parent as Record<string | number, unknown>)[last] = structuredClone(value);
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[String(last)];
  }
  return result;
}
