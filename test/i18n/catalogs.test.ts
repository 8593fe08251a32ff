import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { localesDir, readCatalogs, SUPPORTED_LANGUAGES } from '../../i18n/i18n';
import { lineOf, sourceFiles } from '../manifest/sourceFiles';
import { flatKeys, namespaces, PLURAL_SUFFIX, qualifiedKeys } from './catalogKeys';

/**
 * Unused keys already reported to the issue owners, each with why it stays for now. An entry that
 * becomes used (or leaves the catalogs) fails the test, so this list only ever shrinks.
 */
const REPORTED_UNUSED: Record<string, string> = {};

/**
 * Where catalog keys are used: every TypeScript folder of the product (tests excluded); manifest/ for
 * the Teams app's name, descriptions and command menu in every language (manifest/teams/localization.ts).
 */
const CODE_FOLDERS = ['bot', 'cards', 'dialogs', 'services', 'i18n', 'scripts', 'manifest'];

interface Usage {
  /** Keys named in full (a key naming an object, read with returnObjects, uses all below it). */
  exact: Set<string>;
  /** Prefixes of keys built at run time: `rules:violation.${code}` → `rules:violation.`. */
  prefixes: Set<string>;
}

/** Collects the catalog keys the code names, by the literal shapes i18next keys take in this project. */
export function keyUsage(files: Array<{ text: string }>, known: string[]): Usage {
  const ns = known.join('|');
  const usage: Usage = { exact: new Set(), prefixes: new Set() };
  for (const { text } of files) {
    // 'ns:key' / "ns:key" / `ns:key` (descriptionKey values, t() calls, keys passed around as data)
    for (const m of text.matchAll(new RegExp(`['"\`](${ns}):([\\w.-]*)['"\`]`, 'g'))) {
      const key = `${m[1]}:${m[2]}`;
      if (key.endsWith('.') || key.endsWith(':')) usage.prefixes.add(key);
      else usage.exact.add(key);
    }
    // `ns:prefix.${...}`: every key under the prefix may be reached
    for (const m of text.matchAll(new RegExp(`\`(${ns}):([\\w.-]*)\\$\\{`, 'g'))) usage.prefixes.add(`${m[1]}:${m[2]}`);
    // t('key') without a namespace: the default namespace, common
    for (const m of text.matchAll(/\bt\(\s*['"`]([\w-]+(?:\.[\w-]+)*)['"`]/g)) usage.exact.add(`common:${m[1]}`);
  }
  return usage;
}

/** Keys reached from inside the catalogs themselves, by i18next nesting: `$t(ns:key)`. */
function nestedUsage(): Set<string> {
  const used = new Set<string>();
  const catalogs = readCatalogs();
  for (const language of SUPPORTED_LANGUAGES) {
    const text = JSON.stringify(catalogs[language]);
    for (const m of text.matchAll(/\$t\(([\w-]+):([\w.-]+)/g)) used.add(`${m[1]}:${m[2]}`);
  }
  return used;
}

function isUsed(key: string, usage: Usage): boolean {
  const base = key.replace(PLURAL_SUFFIX, '');
  for (const used of usage.exact) {
    if (base === used || key.startsWith(`${used}.`)) return true;
  }
  for (const prefix of usage.prefixes) if (key.startsWith(prefix)) return true;
  return false;
}

describe('Message catalogs (i18n/locales)', () => {
  it('has every namespace in every language', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const files = namespaces().map((ns) => path.join(localesDir(), language, `${ns}.json`));
      for (const file of files) expect(() => readFileSync(file), `${language}: ${path.basename(file)}`).not.to.throw();
    }
  });

  for (const ns of namespaces()) {
    for (const language of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
      it(`${ns}: every key in English exists in ${language}, and ${language} has no key English lacks`, () => {
        const catalogs = readCatalogs();
        const base = (keys: string[]) => new Set(keys.map((k) => k.replace(PLURAL_SUFFIX, '')));
        const en = base(flatKeys(catalogs.en[ns] ?? {}));
        const other = base(flatKeys(catalogs[language][ns] ?? {}));
        expect(
          [...en].filter((k) => !other.has(k)),
          `missing in ${language}/${ns}.json`,
        ).to.deep.equal([]);
        expect(
          [...other].filter((k) => !en.has(k)),
          `only in ${language}/${ns}.json`,
        ).to.deep.equal([]);
      });
    }
  }

  it("has every plural form each language's grammar needs (Polish one/few/many/other)", () => {
    const problems: string[] = [];
    for (const language of SUPPORTED_LANGUAGES) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = qualifiedKeys(language);
      const plurals = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
      for (const base of plurals) {
        for (const category of needed) {
          if (!keys.includes(`${base}_${category}`)) problems.push(`${language}: ${base}_${category}`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('the usage scan sees literals, template prefixes and returnObjects keys (so a pass means something)', () => {
    const usage = keyUsage(
      [
        {
          text: [
            "t('common:help.title');",
            't(`rules:violation.$',
            '{code}`);',
            "t('common:welcome.abilities', { returnObjects: true })",
          ].join(''),
        },
      ],
      ['common', 'rules'],
    );
    expect(isUsed('common:help.title', usage)).to.equal(true);
    expect(isUsed('rules:violation.P6-region', usage)).to.equal(true);
    expect(isUsed('common:welcome.abilities', usage)).to.equal(true);
    expect(isUsed('common:help.footer', usage)).to.equal(false);
  });

  it('has no key that no code uses', () => {
    const files = sourceFiles(CODE_FOLDERS);
    const usage = keyUsage(files, namespaces());
    for (const key of nestedUsage()) usage.exact.add(key);
    const unused = qualifiedKeys('en').filter((key) => !isUsed(key, usage));
    const fresh = unused.filter((key) => !(key in REPORTED_UNUSED));
    expect(fresh, 'catalog keys no code names (remove them, or use them)').to.deep.equal([]);
    const stale = Object.keys(REPORTED_UNUSED).filter((key) => !unused.includes(key));
    expect(stale, 'used or removed now: take them off REPORTED_UNUSED').to.deep.equal([]);
  });

  it('names no key the catalogs lack', () => {
    const files = sourceFiles(CODE_FOLDERS);
    const keys = new Set<string>();
    for (const key of qualifiedKeys('en')) {
      // a key, its plural base, and every object above it (read with returnObjects)
      const parts = key.replace(PLURAL_SUFFIX, '').split('.');
      for (let i = 1; i <= parts.length; i++) keys.add(parts.slice(0, i).join('.'));
    }
    // Catalog keys are grouped (`ns:group.key`); `ns:name` without a dot is a store key, not a message.
    const literal = new RegExp(`['"\`]((?:${namespaces().join('|')}):[\\w-]+(?:\\.[\\w-]+)+)['"\`]`, 'g');
    const missing: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(literal)) {
        if (!keys.has(m[1])) missing.push(`${m[1]} (${file}:${lineOf(text, m.index ?? 0)})`);
      }
    }
    expect(missing, 'keys used in code but absent from the English catalogs').to.deep.equal([]);
  });
});
