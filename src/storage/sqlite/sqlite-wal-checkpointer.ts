import type { Database } from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background thread copies the WAL's new pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 50;
/**
 * WAL pages (4 KiB, so 16 MiB) past which the background thread makes the WAL start over: a `RESTART` checkpoint holds
 * new writers back (they wait off the event loop, see `sqlite-busy-wait.ts`) while it copies what the passive
 * checkpoint just before it left and syncs, then the next commit writes from the WAL's start. Under steady load the
 * WAL never starts over by itself (a commit lands during every passive checkpoint, so none ends fully copied), and
 * the serving connection does not cut the file back: this bounds the WAL file instead.
 */
const RESTART_ABOVE_PAGES = 4_000;
/**
 * The thread's nice value (Linux): a checkpoint copies pages for milliseconds, and where the thread shares a core with
 * the event loop (a pinned process, or as many workers as cores) the scheduler would let it hold the core while
 * requests wait. At nice 10 (a tenth of the event loop's weight) the event loop takes the core back as soon as it has
 * work, and the thread still gets about a tenth of a busy core, more than it needs to keep up at full load.
 */
const THREAD_NICE = 10;
/** How long `stop` waits for the thread to close its connection before terminating it. */
const STOP_TIMEOUT_MS = 2_000;

/** A running background checkpointer. */
export interface WalCheckpointer {
  /** Stops the thread and closes its connection; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * What the thread runs: below the event loop's priority where the platform says which thread it is (Linux:
 * /proc/thread-self), its own connection to the file, a passive checkpoint every interval, closed on any message.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, workerData.nice);
} catch {
  // No per-thread priority on this platform: the thread runs at the process's.
}
const Database = require(workerData.driver);
const database = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
database.pragma('wal_autocheckpoint = 0');
const checkpoint = () => {
  try {
    const [{ log }] = database.pragma('wal_checkpoint(PASSIVE)');
    if (log > workerData.restartAbovePages) database.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

/**
 * Moves the WAL checkpoints of `database` (the file `file`) off the event loop. SQLite runs an automatic checkpoint
 * inside the commit that crosses `wal_autocheckpoint`: the committing thread copies thousands of pages and syncs the
 * database file twice, which stalled every request behind it for tens of milliseconds (42 ms at the 99th percentile of
 * 50-row commits here). Instead a worker thread with its own connection checkpoints every
 * {@link CHECKPOINT_INTERVAL_MS} and the serving connection never does; SQLite's locks keep the two consistent, as they
 * do between processes. Should the thread fail, the serving connection goes back to checkpointing itself
 * (`fallbackAutocheckpointPages`) and `onFailure` is told.
 */
export function startWalCheckpointer(
  database: Database,
  options: { readonly file: string; readonly busyTimeoutMs: number; readonly fallbackAutocheckpointPages: number; readonly onFailure: (error: Error) => void },
): WalCheckpointer {
  database.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      restartAbovePages: RESTART_ABOVE_PAGES,
      nice: THREAD_NICE,
    },
  });
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (error) => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${options.fallbackAutocheckpointPages}`);
    if (!stopping) options.onFailure(error);
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
