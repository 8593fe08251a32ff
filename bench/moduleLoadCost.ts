/**
 * What loading costs at start, per package (issue 18 item 3): the self time of every module's first
 * `require` (its own code run, the modules it requires subtracted), summed by the package it belongs to (or
 * by our top folder), for the assistant started as the bench starts it, then stopped. Times are wall
 * time: on a busy machine read the shares, not the milliseconds.
 *
 *   npm run build && node dist/bench/moduleLoadCost.js [how many rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';

const rows = Number(process.argv[2] ?? 25);
const ROOT = path.resolve(__dirname, __filename.endsWith('.js') ? '../..' : '..');

interface Frame {
  started: bigint;
  children: bigint;
}

const selfNs = new Map<string, bigint>();
const loaded = new Set<string>();
const stack: Frame[] = [];

/** `node_modules/<package>` (scoped too), or our own top folder. */
function ownerOf(file: string): string {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return `ours: ${path.relative(ROOT, file).split(path.sep).slice(0, 2).join('/')}`;
  const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type Resolve = (request: string, parent: unknown, isMain: boolean) => string;
const internals = Module as unknown as { _load: Load; _resolveFilename: Resolve };
const load = internals._load;
internals._load = function timedLoad(this: unknown, request, parent, isMain) {
  let file: string;
  try {
    file = internals._resolveFilename(request, parent, isMain);
  } catch {
    return load.call(this, request, parent, isMain);
  }
  // Built-ins and modules already loaded cost nothing here.
  if (loaded.has(file) || !file.includes(path.sep)) return load.call(this, request, parent, isMain);
  loaded.add(file);
  const frame: Frame = { started: process.hrtime.bigint(), children: 0n };
  stack.push(frame);
  try {
    return load.call(this, request, parent, isMain);
  } finally {
    stack.pop();
    const total = process.hrtime.bigint() - frame.started;
    const owner = ownerOf(file);
    selfNs.set(owner, (selfNs.get(owner) ?? 0n) + total - frame.children);
    if (stack.length > 0) stack[stack.length - 1].children += total;
  }
};

async function main() {
  const began = process.hrtime.bigint();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { startAssistant } = require('../bot/assistant') as typeof import('../bot/assistant');
  const { loadConfig } = require('../bot/config') as typeof import('../bot/config');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-module-cost-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const assistant = await startAssistant(config);
  const startedMs = Number(process.hrtime.bigint() - began) / 1e6;
  const { rss, heapUsed } = process.memoryUsage();
  await assistant.close();
  rmSync(dataDir, { recursive: true, force: true });

  const total = [...selfNs.values()].reduce((sum, ns) => sum + ns, 0n);
  const ms = (ns: bigint) => Number(ns) / 1e6;
  const lines = [...selfNs.entries()]
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
    .slice(0, rows)
    .map(
      ([owner, ns]) =>
        `${ms(ns).toFixed(0).padStart(6)} ms ${((100 * ms(ns)) / ms(total)).toFixed(1).padStart(5)} %  ${owner}`,
    );
  process.stdout.write(
    `Started in ${startedMs.toFixed(0)} ms; ${loaded.size} files loaded in ${ms(total).toFixed(0)} ms; ` +
      `RSS ${(rss / 1e6).toFixed(0)} MB, heap used ${(heapUsed / 1e6).toFixed(0)} MB. Self time of loading, by package:\n` +
      `${lines.join('\n')}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
