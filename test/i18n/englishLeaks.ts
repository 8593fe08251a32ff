import { type Language, readCatalogs } from '../../i18n/i18n';
import { PLURAL_SUFFIX } from './catalogKeys';

/**
 * Finds English left in what a Polish or Swedish reader was shown: any English catalog text whose
 * translation differs, found in the rendered output. Texts with placeholders are matched as patterns
 * (their fixed words, anything in between); very short fixed words only as a whole piece of text, so
 * a user's own data ("Nowak", "PL") is never taken for a leak.
 */

/** What a text a person reads is split into: lines, Slack markup and the bullets and marks of our cards. */
const PIECES = /\n|\*|•|✓|`|·|✅|⬜|⏳|➖/;
const PLACEHOLDER = /\{\{[^}]*\}\}|\$t\([^)]*\)/g;

interface EnglishText {
  key: string;
  english: string;
  pattern?: RegExp;
}

function leaves(tree: unknown, prefix: string, out: Map<string, string>) {
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (Array.isArray(tree)) tree.forEach((item, i) => leaves(item, `${prefix}[${i}]`, out));
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree))
      leaves(value, prefix.endsWith(':') ? `${prefix}${key}` : `${prefix}.${key}`, out);
  }
}

function catalogTexts(language: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, tree] of Object.entries(readCatalogs()[language] ?? {})) leaves(tree, `${ns}:`, out);
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English texts a reader of `language` must never see: those their catalog translates differently. */
export function englishTexts(language: Language): EnglishText[] {
  const english = catalogTexts('en');
  const translated = catalogTexts(language);
  const translationsOf = (key: string) => {
    const base = key.replace(PLURAL_SUFFIX, '');
    return [...translated].filter(([k]) => k === key || k.replace(PLURAL_SUFFIX, '') === base).map(([, v]) => v);
  };
  // The same words may be the right translation of another text ("MPN ID" in a Polish card's fact).
  const allTranslated = new Set(translated.values());
  const out: EnglishText[] = [];
  for (const [key, text] of english) {
    if (translationsOf(key).includes(text) || allTranslated.has(text)) continue;
    const fixed = text.split(PLACEHOLDER).map((s) => s.trim());
    if (fixed.length === 1) {
      out.push({ key, english: text.trim() });
      continue;
    }
    // A pattern only when its fixed words say enough on their own (not "{{name}}: {{value}}").
    const words = fixed.filter(Boolean);
    if (words.join(' ').length < 15 || Math.max(...words.map((w) => w.length)) < 8) continue;
    out.push({ key, english: text, pattern: new RegExp(text.split(PLACEHOLDER).map(escape).join('[\\s\\S]*?')) });
  }
  return out;
}

/** Every English text found in `rendered` (whole messages, card texts), with where it comes from. */
export function englishLeaks(rendered: string[], language: Language): string[] {
  const texts = englishTexts(language);
  const pieces = new Set(
    rendered
      .flatMap((r) => r.split(PIECES))
      .map((p) => p.trim().replace(/:$/, '').trim())
      .filter(Boolean),
  );
  const leaks: string[] = [];
  for (const { key, english, pattern } of texts) {
    const found = pattern
      ? rendered.find((r) => pattern.test(r))
      : english.length >= 20
        ? rendered.find((r) => r.includes(english))
        : pieces.has(english.replace(/:$/, ''))
          ? english
          : undefined;
    if (found !== undefined) leaks.push(`${key} ("${english.slice(0, 60)}") in: ${found.slice(0, 120)}`);
  }
  return leaks;
}

/** The strings a person reads in a Teams activity or a Slack payload: texts, titles, labels, facts. */
export function readableStrings(payload: unknown, out: string[] = []): string[] {
  const READABLE = new Set([
    'text',
    'title',
    'value',
    'initial_value',
    'label',
    'placeholder',
    'errorMessage',
    'fallbackText',
    'altText',
  ]);
  if (Array.isArray(payload)) {
    for (const item of payload) readableStrings(item, out);
  } else if (payload && typeof payload === 'object') {
    for (const [key, value] of Object.entries(payload)) {
      // A button's data goes back to the bot (verbs, ids), never shown.
      if (key === 'data') continue;
      if (typeof value === 'string') {
        if (READABLE.has(key)) out.push(value);
      } else {
        readableStrings(value, out);
      }
    }
  }
  return out;
}
