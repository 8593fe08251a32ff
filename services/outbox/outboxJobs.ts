import { hash } from 'node:crypto';
import type { Lane } from './rateLimiter';

/**
 * The outbox's vocabulary: a job as it is asked for and as it is stored (`outbox:job:<id>`, the id a
 * hash of its kind and dedupe key), what a delivery handler answers, and who hears how it went.
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

export const JOB = 'outbox:job:';
/** The job's id: a SHA-256 of its dedupe key, by Node's one-shot digest (a notice of a fan-out makes one). */
export const jobIdOf = (dedupeKey: string) => hash('sha256', dedupeKey, 'hex').slice(0, 32);

export const QUIET: OutboxObserver = {
  delivered: () => {},
  throttled: () => {},
  retried: () => {},
  gone: () => {},
  deadLettered: () => {},
};
