import { randomUUID } from 'node:crypto';
import type { AtomicStore } from '../storage/atomicStore';
import { DUE_INDEX, dueMember } from './dueIndex';
import { type DueEntry, DuePass } from './duePass';
import { DueShare } from './dueShare';
import { LiveInstances } from './liveInstances';
import {
  type DeliveryHandler,
  type DeliveryOutcome,
  JOB,
  jobIdOf,
  type NewJob,
  type OutboxJob,
  type OutboxLogger,
  type OutboxObserver,
  QUIET,
} from './outboxJobs';
import { Settlement } from './outboxSettlement';
import { type LaneLimiter, RateLimiter } from './rateLimiter';

/**
 * A durable outbox on the AtomicStore (SQLite or Redis): proactive messages are recorded as jobs and
 * delivered by workers, so a notice survives a restart and two instances deliver it once.
 *
 * Records:
 * - `outbox:job:<id>`: the job; `id` is a hash of its dedupe key, so enqueuing the same notice twice
 *   (or from two instances) is a create-if-absent that only the first wins. Finished jobs stay as a
 *   `done` (or `dead`) marker for `doneTtlMs`, so the dedupe key stays used.
 * - the due index (`DUE_INDEX`, an ordered index of the store scored by due time): a worker pass reads
 *   the entries due now, up to a limit, and nothing else. An index entry is written before the job
 *   points at it; entries that no longer match their job are dropped as stale. Entries left by older
 *   versions (`outbox:due:*` records) are moved into it (legacyDueIndex.ts).
 *
 * Delivery is at least once, exactly once as far as the store can tell: a worker claims a job with a
 * lease (compare-and-set on the job's version), sends, then marks it done. If the process dies after
 * the platform accepted the message and before the done mark lands, the lease expires and another
 * worker sends it again: that window is the time of one store write.
 */

export interface OutboxOptions {
  records: AtomicStore;
  /** Default: token buckets in this process (rateLimiter.ts). */
  limiter?: LaneLimiter;
  observer?: OutboxObserver;
  logger: OutboxLogger;
  handlers: Record<string, DeliveryHandler<never>>;
  now?: () => number;
  /** Jobs in flight at once in this process. */
  concurrency?: number;
  /** Give up (dead letter) after this many attempts. */
  maxAttempts?: number;
  /** How long a claim holds before another worker may take the job. */
  leaseMs?: number;
  /** How often to look for jobs another instance enqueued. */
  pollMs?: number;
  /** First retry delay; doubles each attempt, with jitter, capped at `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long done markers keep their dedupe key used. */
  doneTtlMs?: number;
  /** Entries of the due index read per pass. */
  batchSize?: number;
  /** How often this instance tells the others sharing the store that it is live. */
  heartbeatMs?: number;
  /** An instance not heard from for this long has gone: the others take its share of the due entries. */
  instanceLapseMs?: number;
  /** A due entry this much overdue is anyone's, whichever live instance it belongs to (dueShare.ts). */
  shareGraceMs?: number;
  random?: () => number;
}

/** How long an index entry without its job may be an enqueue in progress rather than debris. */
const ORPHAN_GRACE_MS = 60_000;
/** The backlog gauges count at most this many entries, so reading /metrics stays cheap on a huge backlog. */
const BACKLOG_COUNT_CAP = 10_000;

export class Outbox {
  readonly instanceId = randomUUID();

  /** The instances whose workers beat now (this one included while it works): for telling a stopped one. */
  liveInstances(): Promise<string[]> {
    return this.instances.current();
  }
  private readonly records: AtomicStore;
  private readonly logger: OutboxLogger;
  private readonly handlers: Record<string, DeliveryHandler<never>>;
  private readonly now: () => number;
  private readonly limiter: LaneLimiter;
  private readonly observer: OutboxObserver;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly due: DuePass;
  private readonly instances: LiveInstances;
  private readonly heartbeatMs: number;
  private heartbeat?: NodeJS.Timeout;
  private readonly settlement: Settlement;

  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;

  constructor(options: OutboxOptions) {
    this.records = options.records;
    this.logger = options.logger;
    this.handlers = options.handlers;
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new RateLimiter(this.now);
    this.observer = options.observer ?? QUIET;
    this.concurrency = options.concurrency ?? 32;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    // Five beats missed before the others take over: a busy event loop or a Redis blip of a few seconds
    // does not hand a live instance's share around.
    const lapseMs = options.instanceLapseMs ?? 5 * this.heartbeatMs;
    this.instances = new LiveInstances({
      records: this.records,
      logger: this.logger,
      now: this.now,
      self: this.instanceId,
      heartbeatMs: this.heartbeatMs,
      lapseMs,
    });
    this.due = new DuePass({
      records: this.records,
      logger: this.logger,
      now: this.now,
      batchSize: options.batchSize ?? 2_000,
      share: new DueShare({
        instances: this.instances,
        self: this.instanceId,
        // Longer than a lane limit holds an entry (seconds), or instances would contest every held entry again.
        graceMs: options.shareGraceMs ?? Math.max(30_000, lapseMs),
      }),
    });
    this.settlement = new Settlement({
      records: this.records,
      limiter: this.limiter,
      observer: this.observer,
      logger: this.logger,
      now: this.now,
      random: options.random ?? Math.random,
      maxAttempts: options.maxAttempts ?? 8,
      baseBackoffMs: options.baseBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 10 * 60_000,
      doneTtlMs: options.doneTtlMs ?? 30 * 24 * 3600_000,
      wake: () => this.wake(),
    });
  }

  /** Records a job once per dedupe key; true when this call created it. Wakes this process's workers. */
  async enqueue<P>({ formerDedupeKeys = [], ...job }: NewJob<P>): Promise<boolean> {
    const id = jobIdOf(`${job.kind}:${job.dedupeKey}`);
    const now = Math.floor(this.now());
    const known = await Promise.all(
      [id, ...formerDedupeKeys.map((key) => jobIdOf(`${job.kind}:${key}`))].map((jobId) =>
        this.records.read(`${JOB}${jobId}`),
      ),
    );
    if (known.some(Boolean)) return false;
    // Index first, so a pending job always has an entry; a lost race leaves a stale entry, dropped below.
    const member = dueMember(id, job.lanes);
    await this.records.indexAdd(DUE_INDEX, member, now);
    const record: OutboxJob<P> = { ...job, id, state: 'pending', attempts: 0, dueAt: now, createdAt: now };
    const created = (await this.records.compareAndSet(`${JOB}${id}`, undefined, record, {})) !== undefined;
    if (!created) await this.records.indexRemove(DUE_INDEX, member);
    else this.wake();
    return created;
  }

  async job<P>(dedupeKey: string, kind: string): Promise<OutboxJob<P> | undefined> {
    return (await this.records.read<OutboxJob<P>>(`${JOB}${jobIdOf(`${kind}:${dedupeKey}`)}`))?.value;
  }

  /** Pending jobs, those due now (both counted up to a cap), and those this process is delivering. */
  async backlog(): Promise<{ queued: number; due: number; inFlight: number }> {
    const [queued, due] = await Promise.all([
      this.records.indexRange(DUE_INDEX, { limit: BACKLOG_COUNT_CAP }),
      this.records.indexRange(DUE_INDEX, { max: Math.floor(this.now()), limit: BACKLOG_COUNT_CAP }),
    ]);
    return { queued: queued.length, due: due.length, inFlight: this.due.inFlightCount };
  }

  /** Wakes the workers now (an enqueue here, a test moving its clock). */
  wake() {
    this.woken = true;
    this.wakeUp?.();
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.instances.join();
    // Beside the passes, which can take longer than a beat under load, so a busy instance never looks gone.
    this.heartbeat = setInterval(() => {
      this.instances
        .beatIfDue()
        .catch((error) => this.logger.warn({ err: error }, 'outbox instance could not renew its heartbeat'));
    }, this.heartbeatMs);
    this.heartbeat.unref();
    this.loop = this.run().catch((error) => this.logger.error({ err: error }, 'outbox worker loop stopped'));
  }

  /** Stops taking jobs, waits for those in flight, and leaves its share of the due entries to the others. */
  async stop() {
    this.running = false;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.wake();
    await this.loop;
    this.loop = undefined;
    await this.instances.leave();
  }

  /** One pass over the due index: every due job this process may take now. Returns how many it ran. */
  async drain(): Promise<number> {
    const due = await this.due.take();
    let ran = 0;
    const pool = new Set<Promise<void>>();
    for (const entry of due) {
      if (!this.running && this.loop) break;
      while (pool.size >= this.concurrency) await Promise.race(pool);
      const task = this.process(entry)
        .then((didRun) => {
          if (didRun) ran += 1;
        })
        .catch((error) => this.logger.error({ err: error, job: entry.id }, 'outbox job failed unexpectedly'))
        .finally(() => pool.delete(task));
      pool.add(task);
    }
    await Promise.all(pool);
    return ran;
  }

  private async run() {
    while (this.running) {
      this.woken = false;
      let ran = 0;
      try {
        ran = await this.drain();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox pass failed');
      }
      if (!this.running) break;
      if (ran > 0 || this.woken) continue;
      await this.sleep(this.due.nextWakeIn(this.pollMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  /** Claims, delivers and settles one job. False when it was not this worker's to run. */
  private async process(entry: DueEntry): Promise<boolean> {
    this.due.begin(entry.id);
    try {
      // The job first, then the rate limit: with instances sharing a store, a pass meets entries another
      // instance is delivering or has delivered; a token taken for them cost its lane a real notice's turn
      // (a Teams conversation's 2 per 3-s window), and two instances delivered slower than one. A job held
      // by a limit is read once per hold (DuePass skips it until then), not once per pass.
      const current = await this.records.read<OutboxJob>(`${JOB}${entry.id}`);
      if (!current) {
        // An enqueue between its two writes, or debris of a lost race.
        if (this.now() - entry.dueAt > ORPHAN_GRACE_MS) await this.records.indexRemove(DUE_INDEX, entry.member);
        return false;
      }
      const job = current.value;
      if (job.state !== 'pending' || job.dueAt !== entry.dueAt) {
        await this.records.indexRemove(DUE_INDEX, entry.member);
        return false;
      }
      const now = this.now();
      if (!this.handlers[job.kind]) {
        // Another version of the assistant (a rolling deploy) knows this kind: leave it to that one.
        this.due.hold(entry.id, now + this.pollMs * 10);
        return false;
      }
      if (job.leaseUntil !== undefined && job.leaseUntil > now && job.claimedBy !== undefined) {
        this.due.hold(entry.id, job.leaseUntil);
        return false;
      }
      const lanes = entry.lanes ?? job.lanes;
      const wait = await this.limiter.tryTake(lanes);
      if (wait > 0) {
        this.holdForRateLimit(entry.id, job.kind, now + wait);
        return false;
      }
      this.due.release(entry.id);
      const claimed: OutboxJob = {
        ...job,
        attempts: job.attempts + 1,
        claimedBy: this.instanceId,
        leaseUntil: now + this.leaseMs,
      };
      const version = await this.records.compareAndSet(`${JOB}${entry.id}`, current.version, claimed);
      if (version === undefined) {
        // Another worker claimed it between the read and the claim: the token goes back to its lanes.
        await this.limiter.giveBack(lanes);
        return false;
      }
      const outcome = await this.deliver(claimed);
      await this.settlement.settle(entry.member, claimed, version, outcome);
      return true;
    } finally {
      this.due.end(entry.id);
    }
  }

  /** A job held by a rate limit counts as throttled once per hold, not once per pass that sees it held. */
  private holdForRateLimit(id: string, kind: string, until: number) {
    if (this.due.hold(id, until)) this.observer.throttled(kind);
  }

  private async deliver(job: OutboxJob): Promise<DeliveryOutcome> {
    const handler = this.handlers[job.kind] as DeliveryHandler | undefined;
    if (!handler) return { kind: 'failed', reason: `no handler for outbox job kind "${job.kind}"` };
    try {
      return await handler(job.payload, job);
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
