import { describe, expect, it } from 'vitest';
import { tickBatcher } from '../../src/storage/tick-batcher.js';

/** A batcher over doubling, recording every call; `bad` inputs make any call that contains them fail. */
function doubling(maxBatch = 100, bad = new Set<number>()) {
  const calls: { kind: 'many' | 'one'; inputs: number[] }[] = [];
  const check = (inputs: readonly number[]) => {
    if (inputs.some((input) => bad.has(input))) throw new Error(`bad input in ${inputs.join(',')}`);
  };
  const run = tickBatcher<number, number>({
    many: async (inputs) => {
      calls.push({ kind: 'many', inputs: [...inputs] });
      check(inputs);
      return inputs.map((input) => input * 2);
    },
    one: async (input) => {
      calls.push({ kind: 'one', inputs: [input] });
      check([input]);
      return input * 2;
    },
    maxBatch,
  });
  return { run, calls };
}

describe('tickBatcher', () => {
  it('runs the calls of one event-loop turn in one batch and gives each its own output', async () => {
    const { run, calls } = doubling();
    expect(await Promise.all([1, 2, 3, 4].map(run))).toStrictEqual([2, 4, 6, 8]);
    expect(calls).toStrictEqual([{ kind: 'many', inputs: [1, 2, 3, 4] }]);
  });

  it('runs a lone call alone, and calls of later turns in later batches', async () => {
    const { run, calls } = doubling();
    expect(await run(5)).toBe(10);
    expect(await Promise.all([6, 7].map(run))).toStrictEqual([12, 14]);
    expect(calls).toStrictEqual([
      { kind: 'one', inputs: [5] },
      { kind: 'many', inputs: [6, 7] },
    ]);
  });

  it('splits a turn into batches of at most maxBatch', async () => {
    const { run, calls } = doubling(2);
    await Promise.all([1, 2, 3, 4, 5].map(run));
    expect(calls.map((call) => call.inputs)).toStrictEqual([[1, 2], [3, 4], [5]]);
  });

  it('when a batch fails, retries each input alone: only the bad one rejects', async () => {
    const { run, calls } = doubling(100, new Set([2]));
    const outcomes = await Promise.allSettled([1, 2, 3].map(run));
    expect(outcomes.map((outcome) => outcome.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 2 });
    expect(outcomes[1]).toMatchObject({ reason: new Error('bad input in 2') });
    expect(calls.filter((call) => call.kind === 'one').map((call) => call.inputs[0])).toStrictEqual([1, 2, 3]);
  });

  it('retries the inputs of a failed batch one after the other, in call order, so that the earlier of two conflicting calls wins', async () => {
    const stored = new Set<string>();
    const events: string[] = [];
    const insert = async (key: string, delayMs: number) => {
      events.push(`start ${key}`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stored.has(key)) throw new Error(`duplicate ${key}`);
      stored.add(key);
      events.push(`end ${key}`);
    };
    const run = tickBatcher<{ key: string; delayMs: number }, void>({
      many: async () => {
        throw new Error('a duplicate somewhere in the batch');
      },
      one: async ({ key, delayMs }) => insert(key, delayMs),
      maxBatch: 100,
    });
    const outcomes = await Promise.allSettled([
      run({ key: 'a', delayMs: 30 }),
      run({ key: 'b', delayMs: 1 }),
      run({ key: 'a', delayMs: 1 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toStrictEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(events).toStrictEqual(['start a', 'end a', 'start b', 'end b', 'start a']);
  });
});
