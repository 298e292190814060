import { performance } from 'node:perf_hooks';

/** What a step hands back: a value for the later steps and one readable line about what happened. */
export interface StepResult<T> {
  readonly value: T;
  readonly detail: string;
}

/** One step as it ran. */
export interface StepRecord {
  readonly number: number;
  readonly title: string;
  readonly ok: boolean;
  readonly milliseconds: number;
  /** The step's line: what it did, or why it failed. */
  readonly detail: string;
}

/** The failure that ends a demo run: which step, and why. */
export class StepFailure extends Error {
  constructor(readonly step: StepRecord) {
    super(`step ${step.number} (${step.title}): ${step.detail}`);
    this.name = 'StepFailure';
  }
}

/**
 * Runs the demo's steps in order, one line each with its duration; the first step that throws ends the run with a
 * {@link StepFailure}. With `announce`, each step's title is printed before it runs too, so that the HTTP exchanges
 * of `--verbose` appear under the step they belong to.
 */
export class StepRunner {
  readonly #print: (line: string) => void;
  readonly #announce: boolean;
  readonly #records: StepRecord[] = [];

  constructor(print: (line: string) => void, announce: boolean) {
    this.#print = print;
    this.#announce = announce;
  }

  /** The steps run so far. */
  get records(): readonly StepRecord[] {
    return this.#records;
  }

  async step<T>(title: string, run: () => Promise<StepResult<T>>): Promise<T> {
    const number = this.#records.length + 1;
    if (this.#announce) this.#print(`── ${number}. ${title}`);
    const started = performance.now();
    try {
      const result = await run();
      this.#record({ number, title, ok: true, milliseconds: performance.now() - started, detail: result.detail });
      return result.value;
    } catch (error) {
      const record = this.#record({ number, title, ok: false, milliseconds: performance.now() - started, detail: reasonOf(error) });
      throw new StepFailure(record);
    }
  }

  #record(record: StepRecord): StepRecord {
    this.#records.push(record);
    const mark = record.ok ? '✓' : '✗';
    this.#print(`${mark} ${String(record.number).padStart(2)}. ${record.title.padEnd(STEP_TITLE_WIDTH)} ${formatDuration(record.milliseconds).padStart(7)}  ${record.detail}`);
    return record;
  }
}

/** Titles are padded to this width so that durations line up. */
const STEP_TITLE_WIDTH = 38;

/** `842 ms`, `1.3 s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
