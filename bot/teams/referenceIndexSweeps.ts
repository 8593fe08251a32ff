import type { Logger } from '../logger';
import type { ConversationReferenceStore } from './conversationReferences';

/**
 * Indexes the references the per-organisation index does not know yet (`indexExisting`): at start, then
 * every `everyMs` for `forMs`, because during a rolling deploy an instance of the previous version keeps
 * writing references without index entries until it stops. After that window a person such an instance
 * wrote is indexed at their next turn (`remember`) or at the next start.
 */
export class ReferenceIndexSweeps {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private endsAt = 0;

  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly logger: Logger,
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
    this.running ??= this.references
      .indexExisting()
      .then((seen) => this.logger.debug({ seen }, 'Teams references indexed by organisation'))
      .catch((error) => this.logger.warn({ err: error }, 'could not index the stored Teams references'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a sweep under way, so the store can close after it. */
  async stop() {
    clearInterval(this.timer);
    await this.running;
  }
}
