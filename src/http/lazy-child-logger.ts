import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilent, LogFn } from 'pino';

type Level = Exclude<LevelWithSilent, 'silent'>;

/**
 * A request's logger that becomes a real child of `parent` (with the request's bindings, the interaction id) only when
 * a line is written at a level `parent` enables. Fastify makes a child logger for every request; pino builds its
 * bindings eagerly, which on the token path cost more than the rest of the request's logging, since at the default
 * level a successful request writes nothing.
 */
export class LazyChildLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger & { isLevelEnabled(level: string): boolean };
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger & { isLevelEnabled(level: string): boolean }, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  readonly fatal: LogFn = (...args: unknown[]) => this.#write('fatal', args);
  readonly error: LogFn = (...args: unknown[]) => this.#write('error', args);
  readonly warn: LogFn = (...args: unknown[]) => this.#write('warn', args);
  readonly info: LogFn = (...args: unknown[]) => this.#write('info', args);
  readonly debug: LogFn = (...args: unknown[]) => this.#write('debug', args);
  readonly trace: LogFn = (...args: unknown[]) => this.#write('trace', args);
  readonly silent: LogFn = () => undefined;

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  #write(level: Level, args: unknown[]): void {
    if (this.#child === undefined && !this.#parent.isLevelEnabled(level)) return;
    (this.#real()[level] as (...line: unknown[]) => void)(...args);
  }

  #real(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }
}
