import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../src/tokens/time-ordered-uuid.js';

describe('time-ordered UUIDs (RFC 9562 version 7), the ids of grants', () => {
  it('carry any 48-bit time in their first 12 hex digits, with version 7 and the RFC variant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (unixMs) => {
        const id = timeOrderedUuid(unixMs);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(unixMs);
      }),
    );
  });

  it('sort by time whatever their random part, and differ within one millisecond', () => {
    const start = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 5000 }, (_, index) => timeOrderedUuid(start + index * 7919));
    expect([...ids].sort()).toStrictEqual(ids);
    const sameMillisecond = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(start)));
    expect(sameMillisecond.size).toBe(1000);
  });
});
