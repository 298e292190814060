import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LazyChildLogger } from '../../src/http/lazy-child-logger.js';

function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe("a request's lazy child logger", () => {
  it('writes nothing below the enabled level and never builds the child for it', async () => {
    const { logger, lines } = capturedLogger('warn');
    let children = 0;
    const counting = Object.assign(Object.create(logger) as typeof logger, {
      child: (...args: Parameters<typeof logger.child>) => {
        children += 1;
        return logger.child(...args);
      },
    });
    const child = new LazyChildLogger(counting, { interactionId: 'id-1' }, {});
    child.info({ detail: 'x' }, 'not written');
    child.debug('not written');
    await flushed();
    expect(lines).toStrictEqual([]);
    expect(children).toBe(0);
    expect(child.level).toBe('warn');
  });

  it('writes enabled lines with the request bindings, like a pino child', async () => {
    const { logger, lines } = capturedLogger('warn');
    const child = new LazyChildLogger(logger, { interactionId: 'id-2' }, {});
    child.error({ detail: 'boom' }, 'request failed');
    child.warn('careful');
    child.child({ part: 'inner' }).error('nested');
    await flushed();
    expect(lines.map(({ interactionId, msg, detail, part }) => ({ interactionId, msg, detail, part }))).toStrictEqual([
      { interactionId: 'id-2', msg: 'request failed', detail: 'boom', part: undefined },
      { interactionId: 'id-2', msg: 'careful', detail: undefined, part: undefined },
      { interactionId: 'id-2', msg: 'nested', detail: undefined, part: 'inner' },
    ]);
  });

  it('takes a level of its own, as a pino child does', async () => {
    const { logger, lines } = capturedLogger('warn');
    const child = new LazyChildLogger(logger, { interactionId: 'id-3' }, {});
    child.level = 'info';
    child.info('now written');
    await flushed();
    expect(lines.map((line) => line.msg)).toStrictEqual(['now written']);
    expect(logger.level).toBe('warn');
  });
});
