/**
 * The files in manifest/teams/ that the catalogs decide: manifest.json's English strings, command list
 * and `localizationInfo`, and one localization file per additional language (`pl.json`, `sv.json`).
 * They are committed, so what goes into the package can be read and reviewed where it lives, and
 * `npm run package:teams` rewrites them from the catalogs before it zips them; a test fails when a
 * committed one differs from what the catalogs say (a catalog edited without running the packager, or
 * a hand edit that the next run would undo). Edit the catalogs, never these files' strings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { ADDITIONAL_LANGUAGES, localizationFile, localizationFileName, localizedManifest } from './localization';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** What each catalog-decided file in `dir` should hold, by file name. */
export function generatedFiles(dir: string): Map<string, Record<string, unknown>> {
  const manifest = localizedManifest(readJson(path.join(dir, 'manifest.json')));
  const files = new Map<string, Record<string, unknown>>([['manifest.json', manifest]]);
  for (const language of ADDITIONAL_LANGUAGES) {
    files.set(localizationFileName(language), localizationFile(language, String(manifest.manifestVersion)));
  }
  return files;
}

/** The files in `dir` that are missing or say something other than the catalogs (formatting aside). */
export function staleFiles(dir: string): string[] {
  const stale: string[] = [];
  for (const [name, expected] of generatedFiles(dir)) {
    let committed: unknown;
    try {
      committed = readJson(path.join(dir, name));
    } catch {
      committed = undefined;
    }
    if (!isDeepStrictEqual(committed, expected)) stale.push(name);
  }
  return stale;
}

/** The text of a generated file as the project's `prettier --check` wants it (wherever it is written). */
export async function formatted(name: string, content: Record<string, unknown>): Promise<string> {
  const options = (await resolveConfig(path.join(__dirname, name))) ?? {};
  return format(JSON.stringify(content), { ...options, filepath: name });
}

/** Rewrites the stale files in `dir` from the catalogs; returns their names. */
export async function writeGeneratedFiles(dir: string): Promise<string[]> {
  const stale = new Set(staleFiles(dir));
  for (const [name, content] of generatedFiles(dir)) {
    if (stale.has(name)) writeFileSync(path.join(dir, name), await formatted(name, content));
  }
  return [...stale];
}
