import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The layers of src/, highest first (DESIGN.md "The house"): a module may import from its own layer's directory or from
 * any layer below its own, never from one above. Layers sharing a rank may not import each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['demo'],
  ['app'],
  ['http'],
  ['rate-limits', 'metrics'],
  ['endpoints'],
  ['portal'],
  ['config'],
  ['grants'],
  ['authorization'],
  ['ui'],
  ['registration'],
  ['consent'],
  ['client-auth'],
  ['tokens'],
  ['outbound'],
  ['clients'],
  ['protocol'],
  ['pki'],
  ['errors'],
  ['storage'],
  ['shared'],
];

const FRAMEWORK_PACKAGES = /^(fastify|@fastify\/)/;

interface ImportEdge {
  readonly file: string;
  readonly specifier: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const pattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
  return [...text.matchAll(pattern)].map((match) => ({ file, specifier: (match[1] ?? match[2]) as string }));
}

const layerOf = (file: string): string => relative(SOURCE_ROOT, file).split(sep)[0] as string;
const rankOf = (layer: string): number => LAYERS.findIndex((names) => names.includes(layer));

const edges = sourceFiles(SOURCE_ROOT).flatMap(importsOf);
const shown = (edge: ImportEdge): string => `${relative(SOURCE_ROOT, edge.file)} → ${edge.specifier}`;

/** Import cycles between files of src/ (type-only imports included), each as the chain of files that closes it. */
function importCycles(): string[] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (!edge.specifier.startsWith('.')) continue;
    const target = resolve(dirname(edge.file), edge.specifier).replace(/\.js$/, '.ts');
    graph.set(edge.file, [...(graph.get(edge.file) ?? []), target]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SOURCE_ROOT, f)).join(' → '));
      else if (state.get(next) === undefined) visit(next, [...path, next]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file, [file]);
  return cycles;
}

describe('import rules', () => {
  it('has no import cycles', () => {
    expect(importCycles()).toEqual([]);
  });

  it('gives every directory of src/ a layer', () => {
    const unplaced = [...new Set(sourceFiles(SOURCE_ROOT).map(layerOf))].filter((layer) => !layer.endsWith('.ts') && rankOf(layer) < 0);
    expect(unplaced).toEqual([]);
  });

  it('keeps Fastify inside http/', () => {
    const outside = edges.filter((edge) => FRAMEWORK_PACKAGES.test(edge.specifier) && layerOf(edge.file) !== 'http');
    expect(outside.map(shown)).toEqual([]);
  });

  it('never lets a layer import one above it or beside it', () => {
    const upward = edges.filter((edge) => {
      if (!edge.specifier.startsWith('.')) return false;
      const from = layerOf(edge.file);
      const to = layerOf(resolve(dirname(edge.file), edge.specifier));
      return from !== to && rankOf(to) <= rankOf(from);
    });
    expect(upward.map(shown)).toEqual([]);
  });
});
