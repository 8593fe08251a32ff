import type { Translate } from '../../i18n/i18n';

/**
 * Parts of the enrolment cards that depend only on the language and on a few fixed values (a step, a
 * prerequisite's status, its rule), translated once per translator instead of on every turn: the
 * checklist's rows and a step card's labels were 7–8 i18next calls with options a turn, each going through
 * i18next's interpolation anew (a sampling heap profile of 300 enrolment steps: i18next 114 of the 848 KB a turn allocated).
 * A part's key must come from a closed set (step ids, statuses), never from what a person typed, so
 * each translator keeps a few hundred entries at most.
 */
const parts = new WeakMap<Translate, Map<string, unknown>>();

export function cardPart<T>(t: Translate, key: string, make: () => T): T {
  let kept = parts.get(t);
  if (!kept) {
    kept = new Map();
    parts.set(t, kept);
  }
  if (kept.has(key)) return kept.get(key) as T;
  const part = make();
  kept.set(key, part);
  return part;
}
