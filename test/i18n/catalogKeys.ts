import { readdirSync } from 'node:fs';
import { localesDir, readCatalogs } from '../../i18n/i18n';

/** The plural suffixes i18next adds to a key (`items_one`, `items_few`, ...). */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every namespace: one JSON file per namespace under i18n/locales/en. */
export function namespaces(): string[] {
  return readdirSync(`${localesDir()}/en`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}

/** A catalog's keys as dotted paths; arrays (read with returnObjects) are one key. */
export function flatKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    flatKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** `ns:key` for every key of every namespace, in one language. */
export function qualifiedKeys(language: string): string[] {
  const catalogs = readCatalogs()[language] ?? {};
  return Object.entries(catalogs).flatMap(([ns, tree]) => flatKeys(tree).map((key) => `${ns}:${key}`));
}

/** Every string of one language's catalogs, each with its `ns:key` (an array's items as `key.0`, `key.1`). */
export function catalogStrings(language: string): Array<[key: string, text: string]> {
  const walk = (value: unknown, key: string): Array<[string, string]> => {
    if (typeof value === 'string') return [[key, value]];
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([child, inner]) => walk(inner, `${key}.${child}`));
  };
  return Object.entries(readCatalogs()[language] ?? {}).flatMap(([ns, tree]) =>
    Object.entries(tree).flatMap(([key, value]) => walk(value, `${ns}:${key}`)),
  );
}
