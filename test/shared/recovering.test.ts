import { describe, expect, it } from 'vitest';
import { recovering } from '../../src/shared/recovering.js';

const fallback = (error: unknown) => `recovered from ${(error as Error).message}`;

describe('recovering', () => {
  it('gives a value at hand at once, with no promise', () => {
    expect(recovering(() => 'value', fallback)).toBe('value');
  });

  it('gives the fallback of a synchronous throw at once', () => {
    expect(
      recovering(() => {
        throw new Error('thrown');
      }, fallback),
    ).toBe('recovered from thrown');
  });

  it('resolves what a promise resolves, and the fallback of what it rejects', async () => {
    await expect(recovering(() => Promise.resolve('later'), fallback)).resolves.toBe('later');
    await expect(recovering(() => Promise.reject(new Error('rejected')), fallback)).resolves.toBe('recovered from rejected');
  });

  it('lets the fallback throw or reject in turn', async () => {
    const rethrow = (error: unknown): never => {
      throw error;
    };
    expect(() =>
      recovering(() => {
        throw new Error('still thrown');
      }, rethrow),
    ).toThrow('still thrown');
    await expect(recovering(() => Promise.reject(new Error('still rejected')), rethrow)).rejects.toThrow('still rejected');
  });
});
