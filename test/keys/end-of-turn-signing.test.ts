import { describe, expect, it } from 'vitest';
import { signAtEndOfTurn } from '../../src/tokens/end-of-turn-signing.js';

describe('signAtEndOfTurn', () => {
  it('signs nothing during the turn, then every signature of the turn in the order asked, back to back', async () => {
    const events: string[] = [];
    const first = signAtEndOfTurn(() => {
      events.push('sign 1');
      return 'jws-1';
    });
    const second = signAtEndOfTurn(() => {
      events.push('sign 2');
      return 'jws-2';
    });
    events.push('turn goes on');
    setImmediate(() => events.push('other immediate'));
    expect(await Promise.all([first, second])).toStrictEqual(['jws-1', 'jws-2']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toStrictEqual(['turn goes on', 'sign 1', 'sign 2', 'other immediate']);
  });

  it('rejects only the signature whose signer threw; the others of its turn are signed', async () => {
    const failing = signAtEndOfTurn(() => {
      throw new Error('no key');
    });
    const working = signAtEndOfTurn(() => 'jws');
    await expect(failing).rejects.toThrow('no key');
    expect(await working).toBe('jws');
  });

  it('starts a new run for signatures asked while a run is signing', async () => {
    let inner: Promise<string> | undefined;
    const outer = signAtEndOfTurn(() => {
      inner = signAtEndOfTurn(() => 'inner');
      return 'outer';
    });
    expect(await outer).toBe('outer');
    expect(await inner).toBe('inner');
  });
});
