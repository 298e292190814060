import { describe, expect, it } from 'vitest';
import { rememberingLast } from '../../src/shared/remembering-last.js';

describe('rememberingLast', () => {
  it('computes once per run of the same argument, and again whenever the argument changes, even back to an earlier one', () => {
    const computed: number[] = [];
    const square = rememberingLast((value) => {
      computed.push(value);
      return { square: value * value };
    });
    const results = [3, 3, 3, 4, 4, 3, 0, 0].map(square);
    expect(results.map((result) => result.square)).toStrictEqual([9, 9, 9, 16, 16, 9, 0, 0]);
    expect(computed).toStrictEqual([3, 4, 3, 0]);
    expect(results[1]).toBe(results[0]);
  });
});
