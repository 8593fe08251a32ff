import type { TFunction } from 'i18next';

export const SUPPORTED_LANGUAGES = ['en', 'pl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export type Translate = TFunction;

/**
 * The language people of a country read Partner Center in, of those we speak: a draft email to a reseller
 * in Poland is best in Polish, whatever the rep's own Slack language. Elsewhere, English.
 */
export function languageOfCountry(country: string | undefined): Language {
  const byCountry: Record<string, Language> = { PL: 'pl', SE: 'sv' };
  return byCountry[(country ?? '').toUpperCase()] ?? DEFAULT_LANGUAGE;
}

/** Maps any locale tag the platforms send (`pl-PL`, `sv_SE`, `en-US`, undefined) to a supported language. */
export function resolveLanguage(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().replace('_', '-').split('-')[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(base) ? (base as Language) : DEFAULT_LANGUAGE;
}
