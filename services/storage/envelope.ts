import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import type { Versioned } from './atomicStore';

/**
 * The raw string stored for a record: Keyv's own envelope (`{ value, expires }`, serialised as
 * Keyv does it) around `{ v: version, d: data }`, so that Keyv reads what the atomic store writes.
 */
interface Envelope<T> {
  value: { v: number; d: T };
  expires?: number | null;
}

export function encodeRecord<T>(value: T, version: number, ttlMs?: number): string {
  const envelope: Envelope<T> = { value: { v: version, d: value } };
  if (ttlMs && ttlMs > 0) envelope.expires = Date.now() + ttlMs;
  return defaultSerialize(envelope);
}

export function decodeRecord<T>(raw: string | null | undefined, now = Date.now()): Versioned<T> | undefined {
  if (raw === null || raw === undefined) return undefined;
  const envelope = defaultDeserialize<Envelope<T>>(raw);
  if (!envelope || typeof envelope.value !== 'object' || envelope.value === null) return undefined;
  if (typeof envelope.expires === 'number' && envelope.expires <= now) return undefined;
  if (typeof envelope.value.v !== 'number') return undefined;
  return { value: envelope.value.d, version: envelope.value.v };
}
