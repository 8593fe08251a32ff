import { createHash, randomUUID } from 'node:crypto';
import type { AtomicStore } from '../storage/atomicStore';
import { DUE_INDEX, dueMember, parseDueMember } from './dueIndex';
import { LegacyDueIndexMigration } from './legacyDueIndex';
import { type Lane, type LaneLimiter, RateLimiter } from './rateLimiter';

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

export type DeliveryOutcome =
  | { kind: 'delivered' }
  /** 429, 5xx, a network error: try again later (no sooner than `retryAfterMs` when given). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The recipient is gone (403: bot removed, conversation blocked): the job ends, nothing more to do. */
  | { kind: 'gone'; reason: string }
  /** Will never work (bad request, unknown renderer): dead-lettered at once. */
  | { kind: 'failed'; reason: string };

export type DeliveryHandler<P = unknown> = (payload: P, job: OutboxJob<P>) => Promise<DeliveryOutcome>;

export interface NewJob<P = unknown> {
  /** Which handler delivers it. */
  kind: string;
  /** Unique per recipient: the same key is delivered once. */
  dedupeKey: string;
  payload: P;
  lanes: Lane[];
  /**
   * Keys an earlier version gave the same notice: a job recorded under one of them counts as this one,
   * so changing a key's format sends nothing twice across an upgrade. Not stored with the job.
   */
  formerDedupeKeys?: string[];
}

export interface OutboxJob<P = unknown> extends Omit<NewJob<P>, 'formerDedupeKeys'> {
  id: string;
  state: 'pending' | 'done' | 'gone' | 'dead';
  attempts: number;
  dueAt: number;
  createdAt: number;
  claimedBy?: string;
  leaseUntil?: number;
  lastError?: string;
  finishedAt?: number;
}

export interface OutboxLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Told what happens to each delivery, by job kind (the metrics); nothing here depends on it. */
export interface OutboxObserver {
  delivered(kind: string): void;
  /** A rate limit (ours, or the platform's 429) held a job back. */
  throttled(kind: string): void;
  retried(kind: string): void;
  gone(kind: string): void;
  deadLettered(kind: string): void;
}

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
  random?: () => number;
}

const JOB = 'outbox:job:';
export const jobIdOf = (dedupeKey: string) => createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);

type DueEntry = { member: string; id: string; dueAt: number; lanes?: Lane[] };

/** How long an index entry without its job may be an enqueue in progress rather than debris. */
const ORPHAN_GRACE_MS = 60_000;
/** The backlog gauges count at most this many entries, so reading /metrics stays cheap on a huge backlog. */
const BACKLOG_COUNT_CAP = 10_000;
const QUIET: OutboxObserver = {
  delivered: () => {},
  throttled: () => {},
  retried: () => {},
  gone: () => {},
  deadLettered: () => {},
};

export class Outbox {
  readonly instanceId = randomUUID();
  private readonly records: AtomicStore;
  private readonly logger: OutboxLogger;
  private readonly handlers: Record<string, DeliveryHandler<never>>;
  private readonly now: () => number;
  private readonly limiter: LaneLimiter;
  private readonly observer: OutboxObserver;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly doneTtlMs: number;
  private readonly batchSize: number;
  private readonly random: () => number;
  private readonly legacyIndex: LegacyDueIndexMigration;

  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  /** Job ids this process is working on. */
  private readonly inFlight = new Set<string>();
  /** Jobs held back by a rate limit or someone else's lease, until the time given. */
  private readonly notBefore = new Map<string, number>();
  /** The earliest future entry seen in the last pass. */
  private nextDueAt?: number;

  constructor(options: OutboxOptions) {
    this.records = options.records;
    this.logger = options.logger;
    this.handlers = options.handlers;
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new RateLimiter(this.now);
    this.observer = options.observer ?? QUIET;
    this.concurrency = options.concurrency ?? 32;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10 * 60_000;
    this.doneTtlMs = options.doneTtlMs ?? 30 * 24 * 3600_000;
    this.batchSize = options.batchSize ?? 2_000;
    this.random = options.random ?? Math.random;
    this.legacyIndex = new LegacyDueIndexMigration(this.records, this.now);
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
    return { queued: queued.length, due: due.length, inFlight: this.inFlight.size };
  }

  /** Wakes the workers now (an enqueue here, a test moving its clock). */
  wake() {
    this.woken = true;
    this.wakeUp?.();
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((error) => this.logger.error({ err: error }, 'outbox worker loop stopped'));
  }

  /** Stops taking jobs and waits for those in flight. */
  async stop() {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** One pass over the due index: every due job this process may take now. Returns how many it ran. */
  async drain(): Promise<number> {
    const due = await this.dueEntries();
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
      await this.sleep(this.nextWakeIn());
    }
  }

  private nextWakeIn(): number {
    const now = this.now();
    let wait = this.pollMs;
    if (this.nextDueAt !== undefined) wait = Math.min(wait, Math.max(20, this.nextDueAt - now));
    for (const at of this.notBefore.values()) wait = Math.min(wait, Math.max(20, at - now));
    return wait;
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

  private async dueEntries(): Promise<DueEntry[]> {
    // Moving old entries is not worth holding back the new ones: a failed sweep is tried again next pass.
    await this.legacyIndex
      .sweepIfDue()
      .catch((error) => this.logger.warn({ err: error }, 'outbox could not move due entries of an older version'));
    const now = this.now();
    const dueBy = Math.floor(now);
    for (const [id, until] of this.notBefore) if (until <= now) this.notBefore.delete(id);
    // Entries this pass must pass over (held back, or in flight here) widen the read, so they never
    // hide the runnable entries behind them.
    const limit = this.batchSize + this.inFlight.size + this.notBefore.size;
    const entries = await this.records.indexRange(DUE_INDEX, { max: dueBy, limit });
    const complete = entries.length < limit;
    if (complete && this.notBefore.size > 0) {
      // Every due entry was read: holds on jobs not among them left the index (finished elsewhere).
      const listed = new Set(entries.map((e) => parseDueMember(e.member)?.id));
      for (const id of this.notBefore.keys()) if (!listed.has(id)) this.notBefore.delete(id);
    }
    // When to look again if nothing else wakes the workers: the first entry not yet due.
    this.nextDueAt = complete
      ? (await this.records.indexRange(DUE_INDEX, { min: dueBy + 1, limit: 1 }))[0]?.score
      : undefined;
    const out: DueEntry[] = [];
    for (const entry of entries) {
      const parsed = parseDueMember(entry.member);
      if (!parsed) {
        this.logger.warn({ member: entry.member.slice(0, 200) }, 'outbox dropped an unreadable due index entry');
        await this.records.indexRemove(DUE_INDEX, entry.member);
        continue;
      }
      if (this.inFlight.has(parsed.id)) continue;
      const held = this.notBefore.get(parsed.id);
      if (held !== undefined && held > now) continue;
      out.push({ member: entry.member, id: parsed.id, dueAt: entry.score, lanes: parsed.lanes });
      if (out.length >= this.batchSize) break;
    }
    return out;
  }

  /** Claims, delivers and settles one job. False when it was not this worker's to run. */
  private async process(entry: DueEntry): Promise<boolean> {
    this.inFlight.add(entry.id);
    try {
      // The rate limit first: most entries of a large fan-out wait here, without a store read.
      const waitFor = entry.lanes ? await this.limiter.tryTake(entry.lanes) : 0;
      if (waitFor > 0) {
        this.holdForRateLimit(entry.id, kindOfLanes(entry.lanes), this.now() + waitFor);
        return false;
      }
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
        this.notBefore.set(entry.id, now + this.pollMs * 10);
        return false;
      }
      if (job.leaseUntil !== undefined && job.leaseUntil > now && job.claimedBy !== undefined) {
        this.notBefore.set(entry.id, job.leaseUntil);
        return false;
      }
      const wait = entry.lanes ? 0 : await this.limiter.tryTake(job.lanes);
      if (wait > 0) {
        this.holdForRateLimit(entry.id, job.kind, now + wait);
        return false;
      }
      this.notBefore.delete(entry.id);
      const claimed: OutboxJob = {
        ...job,
        attempts: job.attempts + 1,
        claimedBy: this.instanceId,
        leaseUntil: now + this.leaseMs,
      };
      const version = await this.records.compareAndSet(`${JOB}${entry.id}`, current.version, claimed);
      if (version === undefined) return false;
      const outcome = await this.deliver(claimed);
      await this.settle(entry.member, claimed, version, outcome);
      return true;
    } finally {
      this.inFlight.delete(entry.id);
    }
  }

  /** A job held by a rate limit counts as throttled once per hold, not once per pass that sees it held. */
  private holdForRateLimit(id: string, kind: string, until: number) {
    if (!this.notBefore.has(id)) this.observer.throttled(kind);
    this.notBefore.set(id, until);
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

  private async settle(member: string, job: OutboxJob, version: number, outcome: DeliveryOutcome) {
    const key = `${JOB}${job.id}`;
    const now = this.now();
    const log = { job: job.id, kind: job.kind, dedupeKey: job.dedupeKey, attempts: job.attempts };
    if (outcome.kind === 'retry' && job.attempts < this.maxAttempts) {
      const backoff = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (job.attempts - 1));
      const jittered = backoff / 2 + this.random() * (backoff / 2);
      const delay = Math.max(outcome.retryAfterMs ?? 0, jittered);
      if (outcome.retryAfterMs !== undefined) {
        await this.limiter.block(job.lanes, now + outcome.retryAfterMs);
        this.observer.throttled(job.kind);
      }
      const dueAt = Math.ceil(now + delay);
      // New index entry first, then the job, then the old entry: a crash in between leaves the job
      // reachable through one entry or the other.
      const next = dueMember(job.id, job.lanes);
      await this.records.indexAdd(DUE_INDEX, next, dueAt);
      const moved = await this.records.compareAndSet(key, version, {
        ...job,
        dueAt,
        claimedBy: undefined,
        leaseUntil: undefined,
        lastError: outcome.reason,
      });
      if (moved === undefined) {
        await this.records.indexRemove(DUE_INDEX, next);
        this.logger.warn(log, 'outbox job changed while it was delivered; leaving it to the other worker');
        return;
      }
      await this.records.indexRemove(DUE_INDEX, member);
      this.observer.retried(job.kind);
      this.logger.info(
        { ...log, delayMs: Math.round(delay), reason: outcome.reason },
        'outbox delivery will be retried',
      );
      this.wake();
      return;
    }
    const state: OutboxJob['state'] = outcome.kind === 'delivered' ? 'done' : outcome.kind === 'gone' ? 'gone' : 'dead';
    const reason = outcome.kind === 'delivered' ? undefined : outcome.reason;
    const finished = await this.records.compareAndSet(
      key,
      version,
      { ...job, state, finishedAt: now, lastError: reason, claimedBy: undefined, leaseUntil: undefined },
      { ttlMs: this.doneTtlMs },
    );
    if (finished === undefined) {
      // Our lease ran out and another worker took the job: it may send again (the at-least-once window).
      this.logger.warn(log, 'outbox job was taken over before it was marked finished');
      return;
    }
    await this.records.indexRemove(DUE_INDEX, member);
    if (state === 'dead') {
      this.observer.deadLettered(job.kind);
      this.logger.error({ ...log, reason }, 'outbox job dead-lettered: giving up');
    } else if (state === 'gone') {
      this.observer.gone(job.kind);
      this.logger.info({ ...log, reason }, 'outbox recipient gone: job ended');
    } else {
      this.observer.delivered(job.kind);
      this.logger.debug(log, 'outbox job delivered');
    }
  }
}

/** Lane keys begin with their platform (`teams:conv:…`, `slack:C…`), which is the job's kind. */
function kindOfLanes(lanes: Lane[] | undefined): string {
  return lanes?.[0]?.key.split(':')[0] ?? 'unknown';
}
