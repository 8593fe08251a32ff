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
 * Kept:
 * - a key asked alone: every catalog key at most, so held for the process's life (bounded in case a key is
 *   ever built from input);
 * - a key with options whose values are all strings, finite numbers, booleans, null or undefined (a name,
 *   a date as stored, a count). The values are someone's input (names, company names), so these are bounded and the
 *   oldest made is forgotten first.
 *
 * Anything else (an object or array in the options, a Date, `returnObjects`, a key list) goes to i18next
 * every time, as does a call whose answer is not a string.
 */

/** The catalogs' keys, several times over. */
const ALONE_LIMIT = 5000;
/** Texts with values, a language: the lines of a few hundred organisations' cards. */
export const WITH_VALUES_LIMIT = 2000;

export interface KeptTexts {
  translate: Translate;
  /** How many texts with values it holds now (for the bound's test). */
  withValues(): number;
}

export function keepingTexts(fixed: Translate): KeptTexts {
  const alone = new Map<string, string>();
  const withValues = new Map<string, string>();
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const translate = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string' || args.length > 2) return call(...args);
    if (args.length === 1) return kept(alone, key, () => call(key), ALONE_LIMIT, false);
    const values = valuesKey(options);
    if (values === undefined) return call(...args);
    return kept(withValues, `${key}\u0000${values}`, () => call(key, options), WITH_VALUES_LIMIT, true);
  };
  // The language travels with the translator, as on i18next's own (format.ts and the card caches read it).
  const language = (fixed as Translate & { lng?: string }).lng;
  return {
    translate: Object.assign(translate, { lng: language }) as unknown as Translate,
    withValues: () => withValues.size,
  };
}

function kept(texts: Map<string, string>, key: string, make: () => unknown, limit: number, forget: boolean): unknown {
  const known = texts.get(key);
  if (known !== undefined) return known;
  const made = make();
  if (typeof made !== 'string') return made;
  if (texts.size >= limit) {
    if (!forget) return made;
    // A Map iterates in insertion order: its first key is the oldest text made.
    texts.delete(texts.keys().next().value as string);
  }
  texts.set(key, made);
  return made;
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
