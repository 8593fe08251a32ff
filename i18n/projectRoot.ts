import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found from this file whether it runs from source (tsx) or from `dist/`,
 * so JSON assets (catalogs, card templates, region data) are read from one place and never copied.
 */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
