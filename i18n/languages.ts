import type { TFunction } from 'i18next';

export const SUPPORTED_LANGUAGES = ['en', 'pl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export type Translate = TFunction;

/** Maps any locale tag the platforms send (`pl-PL`, `sv_SE`, `en-US`, undefined) to a supported language. */
export function resolveLanguage(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().replace('_', '-').split('-')[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(base) ? (base as Language) : DEFAULT_LANGUAGE;
}
