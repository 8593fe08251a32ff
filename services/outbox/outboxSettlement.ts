import type { AtomicStore } from '../storage/atomicStore';
import { DUE_INDEX, dueMember } from './dueIndex';
import { type DeliveryOutcome, JOB, type OutboxJob, type OutboxLogger, type OutboxObserver } from './outboxJobs';
import type { LaneLimiter } from './rateLimiter';

/**
 * What becomes of a job once its delivery answered: due again later with backoff and jitter (a retry,
 * no sooner than the platform's Retry-After, which also blocks the job's lanes), or finished as done,
 * gone or dead, its marker kept for `doneTtlMs` so the dedupe key stays used. Each move is a
 * compare-and-set on the version the worker claimed: a job another worker took over is left to it.
 */
export interface SettlementDeps {
  records: AtomicStore;
  limiter: LaneLimiter;
  observer: OutboxObserver;
  logger: OutboxLogger;
  now: () => number;
  random: () => number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  doneTtlMs: number;
  /** A retry is due again soon: the workers should look. */
  wake: () => void;
}

export class Settlement {
  constructor(private readonly deps: SettlementDeps) {}

  async settle(member: string, job: OutboxJob, version: number, outcome: DeliveryOutcome) {
    const key = `${JOB}${job.id}`;
    const now = this.deps.now();
    const log = { job: job.id, kind: job.kind, dedupeKey: job.dedupeKey, attempts: job.attempts };
    if (outcome.kind === 'retry' && job.attempts < this.deps.maxAttempts) {
      const backoff = Math.min(this.deps.maxBackoffMs, this.deps.baseBackoffMs * 2 ** (job.attempts - 1));
      const jittered = backoff / 2 + this.deps.random() * (backoff / 2);
      const delay = Math.max(outcome.retryAfterMs ?? 0, jittered);
      if (outcome.retryAfterMs !== undefined) {
        await this.deps.limiter.block(job.lanes, now + outcome.retryAfterMs);
        this.deps.observer.throttled(job.kind);
      }
      const dueAt = Math.ceil(now + delay);
      // New index entry first, then the job, then the old entry: a crash in between leaves the job
      // reachable through one entry or the other.
      const next = dueMember(job.id, job.lanes);
      await this.deps.records.indexAdd(DUE_INDEX, next, dueAt);
      const moved = await this.deps.records.compareAndSet(key, version, {
        ...job,
        dueAt,
        claimedBy: undefined,
        leaseUntil: undefined,
        lastError: outcome.reason,
      });
      if (moved === undefined) {
        await this.deps.records.indexRemove(DUE_INDEX, next);
        this.deps.logger.warn(log, 'outbox job changed while it was delivered; leaving it to the other worker');
        return;
      }
      await this.deps.records.indexRemove(DUE_INDEX, member);
      this.deps.observer.retried(job.kind);
      this.deps.logger.info(
        { ...log, delayMs: Math.round(delay), reason: outcome.reason },
        'outbox delivery will be retried',
      );
      this.deps.wake();
      return;
    }
    const state: OutboxJob['state'] = outcome.kind === 'delivered' ? 'done' : outcome.kind === 'gone' ? 'gone' : 'dead';
    const reason = outcome.kind === 'delivered' ? undefined : outcome.reason;
    const finished = await this.deps.records.compareAndSet(
      key,
      version,
      { ...job, state, finishedAt: now, lastError: reason, claimedBy: undefined, leaseUntil: undefined },
      { ttlMs: this.deps.doneTtlMs },
    );
    if (finished === undefined) {
      // Our lease ran out and another worker took the job: it may send again (the at-least-once window).
      this.deps.logger.warn(log, 'outbox job was taken over before it was marked finished');
      return;
    }
    await this.deps.records.indexRemove(DUE_INDEX, member);
    if (state === 'dead') {
      this.deps.observer.deadLettered(job.kind);
      this.deps.logger.error({ ...log, reason }, 'outbox job dead-lettered: giving up');
    } else if (state === 'gone') {
      this.deps.observer.gone(job.kind);
      this.deps.logger.info({ ...log, reason }, 'outbox recipient gone: job ended');
    } else {
      this.deps.observer.delivered(job.kind);
      this.deps.logger.debug(log, 'outbox job delivered');
    }
  }
}
