import { LRUCache } from 'lru-cache';
import type { Translate } from './languages';

/**
 * A language's translator that keeps the texts it made (issue 18). The catalogs are read once at start and
 * every format (Intl dates, numbers, country names) gives the same text for the same value, so a key asked
 * with the same options always gives the same text. i18next works each one out again: resolving the key,
 * copying the options, scanning the text for `{{…}}`, parsing each format. In a CPU profile of the
 * checklist's load that was about 3 % of the main thread, most of it the progress card's "who answered
 * what" lines, the same lines every time it is shown; keeping them took 1.6 % off the step's instructions a
 * turn (bench/README.md, session 36).
 *
 * Kept: a key asked alone, and a key asked with options whose values are all strings, finite numbers,
 * booleans, null or undefined (a name, a date as stored, a count). Those values are someone's input (names,
 * company names), so the texts kept are bounded and the least recently asked is forgotten first; the
 * catalogs' 1,077 keys fit several times over, and a key every turn asks is never the least recently asked.
 *
 * Anything else (an object or array in the options, a Date, `returnObjects`, a key list) goes to i18next
 * every time, as does a call whose answer is not a string.
 */

/** Texts kept a language: every catalog key, and the lines of a few hundred organisations' cards. */
export const KEPT_LIMIT = 5000;

export interface KeptTexts {
  translate: Translate;
  /** How many texts it holds now (for the bound's test). */
  size(): number;
}

export function keepingTexts(fixed: Translate): KeptTexts {
  const texts = new LRUCache<string, string>({ max: KEPT_LIMIT });
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const translate = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string' || args.length > 2) return call(...args);
    // A key alone is kept under itself, as it is asked most; a catalog key holds no NUL, so it never meets
    // a key with values.
    const values = args.length === 1 ? undefined : valuesKey(options);
    if (args.length === 2 && values === undefined) return call(...args);
    const kept = values === undefined ? key : `${key}\u0000${values}`;
    const known = texts.get(kept);
    if (known !== undefined) return known;
    const made = call(...args);
    if (typeof made !== 'string') return made;
    texts.set(kept, made);
    return made;
  };
  // The language travels with the translator, as on i18next's own (format.ts and the card caches read it).
  const language = (fixed as Translate & { lng?: string }).lng;
  return {
    translate: Object.assign(translate, { lng: language }) as unknown as Translate,
    size: () => texts.size,
  };
}

/** The options as a key, or undefined when a value is not one whose text is fixed by what JSON writes of it. */
function valuesKey(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  for (const value of Object.values(options)) {
    // undefined is left out by JSON as i18next leaves it out: `{ name: undefined }` reads as `{}`.
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    return undefined;
  }
  return JSON.stringify(options);
}
