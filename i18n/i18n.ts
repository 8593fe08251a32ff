import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { projectRoot } from './projectRoot';

export const SUPPORTED_LANGUAGES = ['en', 'pl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export type Translate = TFunction;

export function localesDir(): string {
  return path.join(projectRoot(), 'i18n', 'locales');
}

/** Every catalog: `{ en: { common: {...}, rules: {...} }, pl: ..., sv: ... }`, one JSON file per namespace. */
export function readCatalogs(dir = localesDir()): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const language of SUPPORTED_LANGUAGES) {
    resources[language] = {};
    for (const file of readdirSync(path.join(dir, language)).filter((f) => f.endsWith('.json'))) {
      resources[language][path.basename(file, '.json')] = JSON.parse(
        readFileSync(path.join(dir, language, file), 'utf8'),
      );
    }
  }
  return resources;
}

let shared: i18n | undefined;

/** One i18next instance for the process, initialised synchronously from the catalogs on disk. */
export function translations(): i18n {
  if (shared) return shared;
  const resources = readCatalogs();
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // 'pl-PL' → 'pl' → 'en'
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    ns: Object.keys(resources[DEFAULT_LANGUAGE]),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  shared = instance;
  return instance;
}

/** Maps any locale tag the platforms send (`pl-PL`, `sv_SE`, `en-US`, undefined) to a supported language. */
export function resolveLanguage(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().replace('_', '-').split('-')[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(base) ? (base as Language) : DEFAULT_LANGUAGE;
}

export function translatorFor(locale: string | undefined | null): Translate {
  return translations().getFixedT(resolveLanguage(locale));
}
