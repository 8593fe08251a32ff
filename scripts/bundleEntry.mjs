// The entry point as one file (issue 18: start under 1 s). Start-up spent most of its time finding,
// reading and compiling about 1,650 files, botbuilder's and restify's dependencies mostly; as one file
// the finding and reading is gone, and the code and its order of evaluation are the same: the input is
// tsc's CommonJS output (the code tsc checked, whose source maps lead back to the TypeScript), and esbuild
// keeps every CommonJS module in a function run at its first require, so what loads lazily still does.
// Plain JavaScript on purpose, like buildIfStale.mjs, which runs it after compiling.
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left out of the file, required from node_modules when first needed: native addons (they cannot be
 * inlined), and the SDKs only a configured Slack or Redis loads, so a start without them does not even
 * parse their code. Nothing that botbuilder's or restify's own files require may be left out: it would
 * load a second copy of them from node_modules (bot/teams/dialogMemory.ts patches a botbuilder-dialogs
 * module that must be the one the bundled dialogs use).
 */
export const LEFT_OUT = ['sqlite3', 'dtrace-provider', '@slack/*', '@keyv/redis'];

/**
 * npm nests a copy of a package under each dependant that needs another version than the top-level one:
 * botbuilder's five packages each carry zod 3.25.76 (ours is zod 4), so without this the file held and
 * ran the same 160 KB five times. Every nested copy (one level down) of one name and version is the same
 * code: each require of one is pointed at the first such copy by path.
 */
function oneCopyPerVersion(modules) {
  const copies = new Map();
  const packageDirs = (dir) =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) =>
          name.startsWith('@') ? readdirSync(path.join(dir, name)).map((n) => `${name}/${n}`) : [name],
        )
      : [];
  const nested = new Map();
  for (const owner of packageDirs(modules).sort()) {
    for (const name of packageDirs(path.join(modules, owner, 'node_modules')).sort()) {
      const dir = path.join(modules, owner, 'node_modules', name);
      if (!existsSync(path.join(dir, 'package.json'))) continue;
      const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const first = copies.get(`${name}@${version}`) ?? dir;
      copies.set(`${name}@${version}`, first);
      if (first !== dir) nested.set(dir, first);
    }
  }
  return {
    name: 'one-copy-per-version',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'as-is' || nested.size === 0) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'as-is',
        });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        for (const [dir, first] of nested) {
          if (resolved.path.startsWith(`${dir}${path.sep}`)) return { path: first + resolved.path.slice(dir.length) };
        }
        return undefined;
      });
    },
  };
}

/**
 * V8 keeps a script's source in its heap for as long as the script's functions live: as one-byte text when
 * every character is ASCII, as two bytes a character otherwise, so one `〇` (in fast-redact's regular
 * expressions) made the bundle's 6.7 MB cost 13.5 MB of heap for the life of the process. esbuild escapes
 * strings, templates and names (its ASCII charset) but not regular expression literals: what is left is
 * written as `\uXXXX`, which means the same character there (and in a string or a name). The source map
 * is not rewritten: a position after such a character on its line maps five columns late per character.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  // `\〇` (an identity escape) becomes `\u3007`, not `\\u3007`: an odd run of backslashes loses one.
  const escaped = text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped !== text) writeFileSync(file, escaped);
}

/**
 * Writes tsc's `<dist>/bot/main.js` and everything it requires as `<dist>/bot/index.js` (over tsc's
 * one-line index.js), with a source map beside it: `node --enable-source-maps` turns stack traces back
 * into TypeScript files and lines through tsc's maps. `dist` must be inside the project (the catalogs and
 * card templates are found from the file's folder up). What went in is written beside it as
 * index.meta.json (esbuild's metafile: every module and the bytes it takes).
 */
export async function bundleEntry(dist = path.join(root, 'dist')) {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(dist, 'bot', 'main.js')],
    outfile: path.join(dist, 'bot', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    // A third smaller (7 MB, not 10.5), which V8 parses in about a tenth less of a start's CPU; names are
    // kept, so a stack trace still says which function, and the source map says where.
    minifyWhitespace: true,
    // The licence notices in a file of their own beside it (index.js.LEGAL.txt).
    legalComments: 'linked',
    external: LEFT_OUT,
    plugins: [
      oneCopyPerVersion(realpathSync(path.join(root, 'node_modules'))),
      createRequire(import.meta.url)('./nativeAsync.cjs').nativeAsyncPlugin(),
    ],
    metafile: true,
    logLevel: 'warning',
  });
  asciiOnly(path.join(dist, 'bot', 'index.js'));
  writeFileSync(path.join(dist, 'bot', 'index.meta.json'), JSON.stringify(result.metafile));
}

// `node scripts/bundleEntry.mjs [dist]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleEntry(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
}
