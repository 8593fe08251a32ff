import { DEFAULT_LANGUAGE, type Language, resolveLanguage, type Translate } from './languages';

/**
 * Dates, numbers and country names in the reader's language, through Intl (no formatting of our own).
 * The catalogs use them as i18next formats (`{{when, datetime}}`, `{{licences, number}}`,
 * `{{country, country}}`); card data that is not a sentence (a fact's value) calls them directly.
 */

/** The Intl locale each language is written in: our English is British, so are its dates. */
const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', pl: 'pl-PL', sv: 'sv-SE' };

export function intlLocale(language: string | undefined): string {
  return INTL_LOCALE[resolveLanguage(language)];
}

/** The language a translator speaks (i18next's fixed `t` carries it). */
export function languageOf(t: Translate): Language {
  return resolveLanguage((t as Translate & { lng?: string }).lng ?? DEFAULT_LANGUAGE);
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Stored timestamps are UTC and we do not know where each reader is, so times are shown in UTC and
 * say so; a day (an expiry date) is the UTC day.
 */
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };
const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

/**
 * One formatter per locale and kind, made at first use: building an Intl formatter costs far more than
 * formatting with it, and a card formats several values on every turn (issue 18: `formatDate` was 1.4 % of
 * an enrolment step's CPU). Three languages, so a handful of formatters in all.
 */
const formatters = new Map<string, { format(value: Date | number): string }>();
function formatter(kind: string, locale: string, make: () => { format(value: Date | number): string }) {
  const key = `${kind}:${locale}`;
  let made = formatters.get(key);
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/** `21 grudnia 2026`; what is not a date is shown as given (a `-`, an empty value). */
export function formatDate(language: string | undefined, value: unknown): string {
  const date = toDate(value);
  if (!date) return String(value ?? '');
  const locale = intlLocale(language);
  return formatter('date', locale, () => new Intl.DateTimeFormat(locale, DATE)).format(date);
}

/**
 * The UTC day of a timestamp (`2026-12-05`), for a text that shows the day alone (`{{…, date}}`, which
 * shows the UTC day): the same day gives the same values, so a translator that keeps its texts
 * (keptTexts.ts) makes the text once that day, not once an instant (issue 18: the progress card's "who
 * answered" line, asked with the answer's instant, was the one text a Save made anew every time). What is
 * not a date is given back as it is, and shown as given.
 */
export function utcDay(value: unknown): unknown {
  const date = toDate(value);
  return date ? date.toISOString().slice(0, 10) : value;
}

/** `21 dec. 2026 14:05 UTC`. */
export function formatDateTime(language: string | undefined, value: unknown): string {
  const date = toDate(value);
  if (!date) return String(value ?? '');
  const locale = intlLocale(language);
  return formatter('datetime', locale, () => new Intl.DateTimeFormat(locale, DATE_TIME)).format(date);
}

export function formatNumber(language: string | undefined, value: unknown): string {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value ?? '');
  const locale = intlLocale(language);
  return formatter('number', locale, () => new Intl.NumberFormat(locale)).format(number);
}

/** Region names per locale, made once like the formatters above. */
const regionNames = new Map<string, Intl.DisplayNames>();

/** `SE` → `Szwecja` for a Polish reader; a code Intl does not know is shown as given. */
export function countryName(language: string | undefined, code: unknown): string {
  const text = String(code ?? '').trim();
  if (!/^[A-Za-z]{2}$/.test(text)) return text;
  try {
    const locale = intlLocale(language);
    let names = regionNames.get(locale);
    if (!names)
      regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
    return names.of(text.toUpperCase()) ?? text;
  } catch {
    return text;
  }
}

/** The formats the catalogs may name, for i18next's formatter (`{{value, <name>}}`). */
export const CATALOG_FORMATS: Record<string, (language: string, value: unknown) => string> = {
  date: formatDate,
  datetime: formatDateTime,
  number: formatNumber,
  country: countryName,
};
