/** What a sweep logs with: the part of the bot's logger it needs (services/ does not import bot/). */
export interface SweepLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Adds to an ordered index the records written before it existed (`indexExisting`, which lists the store
 * once): at start, then every `everyMs` for `forMs`, because during a rolling deploy an instance of the
 * previous version keeps writing records without index entries until it stops. After that window, what
 * such an instance wrote is indexed at the next start (or sooner, where the index's owner says how).
 */
export class IndexSweeps {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private endsAt = 0;

  constructor(
    private readonly what: string,
    private readonly indexExisting: () => Promise<number>,
    private readonly logger: SweepLogger,
    private readonly options: { everyMs: number; forMs: number } = { everyMs: 5 * 60_000, forMs: 60 * 60_000 },
  ) {}

  /** Starts the first sweep at once (not awaited: a start must not wait on a walk of the whole store). */
  start() {
    this.endsAt = Date.now() + this.options.forMs;
    this.timer = setInterval(() => void this.sweep(), this.options.everyMs).unref();
    void this.sweep();
  }

  /** One sweep; while one runs, the same one. Never throws: a failed sweep is logged and the next one retries. */
  sweep(): Promise<void> {
    if (Date.now() >= this.endsAt) clearInterval(this.timer);
    this.running ??= this.indexExisting()
      .then((seen) => this.logger.debug({ seen }, `${this.what} indexed`))
      .catch((error) => this.logger.warn({ err: error }, `could not index the stored ${this.what}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a sweep under way, so the store can close after it. */
  async stop() {
    clearInterval(this.timer);
    await this.running;
  }
}
