// `prepare` (and `npm start`, through scripts/start.mjs): compile only when a source is newer than the
// last build, so a start after install serves at once. Plain JavaScript on purpose: it runs before
// anything is compiled, and node starts it in milliseconds where tsx would add its own start-up.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleEntry } from './bundleEntry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What tsconfig.build.json compiles, and the files that change how it compiles. */
const SOURCE_DIRS = ['bot', 'cards', 'dialogs', 'services', 'i18n'];
const BUILD_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const STAMP = path.join(root, 'dist', '.build-stamp');

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  for (const file of BUILD_FILES) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/** Compiles dist/ when it is older than the sources; says so in two JSON lines when it does. */
export async function buildIfStale() {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  if (newestSource() <= built) return;
  const line = (msg) => process.stdout.write(`${JSON.stringify({ time: Date.now(), msg })}\n`);
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // A production install (--omit=dev) has no compiler: it runs the dist/ it was given.
  if (!existsSync(tsc)) return line('TypeScript is not installed: running dist/ as it is');
  line('compiling TypeScript (sources changed since the last build)');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // Every time: tsc compiles only what changed, the bundle holds all of it.
  await bundleEntry();
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  line('compiled to dist/');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildIfStale();
