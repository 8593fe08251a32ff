import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** Every `.ts` file (tests excluded) under the given project folders, with its text. */
export function sourceFiles(folders: string[]): Array<{ file: string; text: string }> {
  const found: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules') walk(full);
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
        found.push({ file: path.relative(ROOT, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const folder of folders) {
    const dir = path.join(ROOT, folder);
    try {
      if (statSync(dir).isDirectory()) walk(dir);
    } catch {
      // A folder no slice has created yet (dialogs/ at first) has nothing to scan.
    }
  }
  return found;
}

/** 1-based line of an index in a text, for messages that point at the code. */
export function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
