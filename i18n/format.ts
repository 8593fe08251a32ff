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

/** `21 grudnia 2026`; what is not a date is shown as given (a `-`, an empty value). */
export function formatDate(language: string | undefined, value: unknown): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(intlLocale(language), DATE).format(date) : String(value ?? '');
}

/** `21 dec. 2026 14:05 UTC`. */
export function formatDateTime(language: string | undefined, value: unknown): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(intlLocale(language), DATE_TIME).format(date) : String(value ?? '');
}

export function formatNumber(language: string | undefined, value: unknown): string {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? new Intl.NumberFormat(intlLocale(language)).format(number) : String(value ?? '');
}

/** `SE` → `Szwecja` for a Polish reader; a code Intl does not know is shown as given. */
export function countryName(language: string | undefined, code: unknown): string {
  const text = String(code ?? '').trim();
  if (!/^[A-Za-z]{2}$/.test(text)) return text;
  try {
    return (
      new Intl.DisplayNames([intlLocale(language)], { type: 'region', fallback: 'code' }).of(text.toUpperCase()) ?? text
    );
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
