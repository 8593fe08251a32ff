import type { ZodError } from 'zod';
import type { Refusal } from './types';

/** A refusal about one field of a form, for an edge that marks each field (a Slack modal's errors). */
export interface FieldRefusal {
  field: string;
  refusal: Refusal;
}

/**
 * Every field a submission got wrong, at once: the first as the refusal itself (what an edge that shows
 * one message says), the rest in `more`, with what the rules already say of the well-formed fields.
 */
export function inputRefusal(error: ZodError, alsoRefused: FieldRefusal[] = []): Extract<Refusal, { kind: 'input' }> {
  const [first, ...rest] = error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ''),
    refusal: { kind: 'input', code: issue.message, field: String(issue.path[0] ?? '') } as const,
  }));
  return { ...first.refusal, more: [...rest, ...alsoRefused] };
}

/** The refusal and the fields it names, one entry per refused field. */
export function refusedFields(refusal: Refusal): FieldRefusal[] {
  const own = refusal.kind === 'input' && refusal.field ? [{ field: refusal.field, refusal }] : [];
  return [...own, ...(refusal.kind === 'input' ? (refusal.more ?? []) : [])];
}
