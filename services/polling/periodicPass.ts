/**
 * Runs a pass over some work every `everyMs` (the verification watcher, the partnership
 * confirmations): never two passes of one instance at once, a failed pass reported and the next one
 * tried, the timer not keeping the process alive, and `stop` waiting for the pass in flight.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.pass ??= this.run()
        .catch(this.onError)
        .finally(() => {
          this.pass = undefined;
        });
    }, this.everyMs);
    this.timer.unref();
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }
}
