import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { CATALOG_FORMATS } from './format';
import { keepingTexts } from './keptTexts';
import { DEFAULT_LANGUAGE, resolveLanguage, SUPPORTED_LANGUAGES, type Translate } from './languages';
import { projectRoot } from './projectRoot';

export { DEFAULT_LANGUAGE, type Language, resolveLanguage, SUPPORTED_LANGUAGES, type Translate } from './languages';

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

/**
 * Company names end in a full stop as often as not (`sp. z o.o.`, `Inc.`, `AB` does not): a sentence
 * that ends with one reads "sp. z o.o.." once interpolated. Two full stops become one; an ellipsis
 * (three) is left alone.
 */
const ONE_FULL_STOP = {
  type: 'postProcessor' as const,
  name: 'oneFullStop',
  process: (value: string) => value.replace(/(?<!\.)\.\.(?!\.)/g, '.'),
};

/** One i18next instance for the process, initialised synchronously from the catalogs on disk. */
export function translations(): i18n {
  if (shared) return shared;
  const resources = readCatalogs();
  const instance = i18next.createInstance();
  instance.use(ONE_FULL_STOP);
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
    postProcess: [ONE_FULL_STOP.name],
  });
  // Dates, times, numbers and country names through Intl, in the reader's language (i18n/format.ts).
  for (const [name, format] of Object.entries(CATALOG_FORMATS)) {
    instance.services.formatter?.add(name, (value, language) => format(language ?? DEFAULT_LANGUAGE, value));
  }
  shared = instance;
  return instance;
}

const translators = new Map<string, Translate>();

/**
 * The translator of a language, made once per language (issue 18: a card turn asked for one several times
 * and translated ~40 strings, a quarter of a turn's allocations in i18next), keeping the texts it made
 * (keptTexts.ts says which).
 */
export function translatorFor(locale: string | undefined | null): Translate {
  const language = resolveLanguage(locale);
  let translator = translators.get(language);
  if (!translator) {
    translator = keepingTexts(translations().getFixedT(language)).translate;
    translators.set(language, translator);
  }
  return translator;
}
