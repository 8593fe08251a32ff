import { randomUUID } from 'node:crypto';
import type { Lane } from './rateLimiter';

/**
 * The outbox's due index: an ordered index of the store (a Redis sorted set, an SQLite table) scored by
 * the due time in ms, so a worker pass reads the due entries only, never the whole keyspace.
 */
export const DUE_INDEX = 'outbox:due';

/**
 * One writer's entry, as the index member. It carries the job's lanes, so a rate-limited job costs no
 * read; the nonce keeps two instances enqueuing the same job in the same ms apart, so the one that loses
 * the race removes its own entry and not the winner's.
 */
export interface DueMember {
  id: string;
  n: string;
  lanes?: Lane[];
}

export function dueMember(id: string, lanes: Lane[] | undefined, nonce = randomUUID().slice(0, 8)): string {
  const member: DueMember = { id, n: nonce, lanes };
  return JSON.stringify(member);
}

/** The member as written by `dueMember`, or undefined for anything else (debris to drop). */
export function parseDueMember(member: string): DueMember | undefined {
  try {
    const parsed = JSON.parse(member) as Partial<DueMember>;
    if (typeof parsed?.id !== 'string' || typeof parsed.n !== 'string') return undefined;
    return { id: parsed.id, n: parsed.n, lanes: Array.isArray(parsed.lanes) ? parsed.lanes : undefined };
  } catch {
    return undefined;
  }
}
