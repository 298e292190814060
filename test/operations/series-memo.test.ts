import { describe, expect, it } from 'vitest';
import { seriesMemo } from '../../src/metrics/series-memo.js';

describe('seriesMemo', () => {
  it('makes each series once, at its first use, from the labels of that call', () => {
    const made: string[][] = [];
    const series = seriesMemo((method: string, route: string) => {
      made.push([method, route]);
      return { method, route };
    });
    expect(made).toEqual([]);
    const first = series('POST /token', 'POST', '/token');
    expect(series('POST /token', 'POST', '/token')).toBe(first);
    expect(series('GET /jwks', 'GET', '/jwks')).toEqual({ method: 'GET', route: '/jwks' });
    expect(made).toEqual([
      ['POST', '/token'],
      ['GET', '/jwks'],
    ]);
  });
});
