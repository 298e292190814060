import { storageFault } from './storage-faults.js';

/** One queued call: its input and how to settle it. */
interface Pending<I, O> {
  readonly input: I;
  readonly resolve: (output: O) => void;
  readonly reject: (reason: unknown) => void;
}

/** How {@link tickBatcher} runs what was queued: all at once, or one by one. */
export interface BatchOperations<I, O> {
  /** Runs several inputs in one round trip; resolves their outputs in input order, or rejects as a whole. */
  readonly many: (inputs: readonly I[]) => Promise<readonly O[]>;
  /** Runs one input alone: for a batch of one, and for each input of a batch that failed as a whole. */
  readonly one: (input: I) => Promise<O>;
  /** Most inputs per batch; more are split. */
  readonly maxBatch: number;
}

/**
 * A function whose calls made during one event-loop turn run together at the next `setImmediate`, in one database
 * round trip or statement instead of one each (on PostgreSQL, the counterpart of SQLite's group commit). When the
 * batch fails as a whole, every input of it is retried alone, one after the other in the order of the calls, so that
 * one bad input (say a duplicate key) rejects only its own call and, of two inputs that conflict, the earlier call
 * wins; unless the database is unavailable (a {@link storageFault}), which fails every call of the batch at once.
 */
export function tickBatcher<I, O>(operations: BatchOperations<I, O>): (input: I) => Promise<O> {
  let queue: Pending<I, O>[] = [];

  function settleAlone(pending: Pending<I, O>): Promise<void> {
    return operations.one(pending.input).then(pending.resolve, pending.reject);
  }

  async function settleEachInOrder(batch: readonly Pending<I, O>[]): Promise<void> {
    for (const pending of batch) await settleAlone(pending);
  }

  function runBatch(batch: Pending<I, O>[]): void {
    if (batch.length === 1) {
      void settleAlone(batch[0] as Pending<I, O>);
      return;
    }
    operations.many(batch.map((pending) => pending.input)).then(
      (outputs) => batch.forEach((pending, index) => pending.resolve(outputs[index] as O)),
      (error: unknown) => {
        if (storageFault(error) === undefined) void settleEachInOrder(batch);
        else batch.forEach((pending) => pending.reject(error));
      },
    );
  }

  function flush(): void {
    const queued = queue;
    queue = [];
    for (let start = 0; start < queued.length; start += operations.maxBatch) runBatch(queued.slice(start, start + operations.maxBatch));
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ input, resolve, reject });
    });
}
