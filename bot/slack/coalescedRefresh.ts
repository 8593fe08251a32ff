/**
 * Refreshes that only need the latest state (a rep's App Home after each decision): at most one run at a
 * time per key, and requests made while one runs share one more run after it, however many there are.
 * With 60 decisions in a minute, each approver's App Home is rebuilt a few times, not 60 times, and each
 * caller still resolves only once a run that started after its request has finished (so it shows its change).
 *
 * Hand-written: p-limit / p-queue bound concurrency but run every queued call; what is wanted here is to
 * drop the calls a later run makes redundant, which is a dozen lines.
 */
export class CoalescedRefresh {
  /** An entry only while its key's refresh runs or waits (removed after the last): bounded by those in flight. */
  private readonly state = new Map<string, { again?: Promise<void>; current: Promise<void> }>();

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /** Runs `run` for `key` now, or once after the run in progress; resolves when that run has finished. */
  request(key: string, run: () => Promise<void>): Promise<void> {
    const entry = this.state.get(key);
    if (!entry) return this.start(key, run);
    entry.again ??= entry.current.then(() => {
      entry.again = undefined;
      return this.start(key, run);
    });
    return entry.again;
  }

  private start(key: string, run: () => Promise<void>): Promise<void> {
    const current = run()
      .catch(this.onError)
      .finally(() => {
        const entry = this.state.get(key);
        if (entry?.current === current && !entry.again) this.state.delete(key);
      });
    const entry = this.state.get(key);
    if (entry) entry.current = current;
    else this.state.set(key, { current });
    return current;
  }
}
