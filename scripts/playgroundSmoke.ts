import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Assistant, startAssistant } from '../bot/assistant';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { CHROMIUM_ARGS, expectCard, expectVisible, sendMessage, withTimeout } from './playground/browser';
import { botEndpointFor, freePort, type Playground, startPlayground, waitForHttp } from './playground/playground';

/**
 * Smoke test of the local try-out: the assistant and the Microsoft 365 Agents Playground on free
 * ports, the Playground page in headless Chromium; the welcome card must render on install, and
 * `help` must answer with the help card.
 *
 *   npx tsx scripts/playgroundSmoke.ts [--out .playground]
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium). Writes to --out: welcome.png, help.png (or
 * failure.png), agentsplayground.log, assistant.log, page.log. Exit 0 on success, 1 on failure;
 * whatever it started is stopped either way, and the whole run is bounded (TOTAL_MS).
 */

const TOTAL_MS = 110_000;
const WELCOME_TITLE = 'Welcome to the CSP Partner Assistant';
const HELP_TITLE = 'What I can do';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.playground' } } });
const outDir = resolve(values.out ?? '.playground');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (message: string) => process.stdout.write(`[smoke ${elapsed()}] ${message}\n`);

let assistant: Assistant | undefined;
let playground: Playground | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let workDir: string | undefined;
const pageLog: string[] = [];

async function run(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const name of ['welcome.png', 'help.png', 'failure.png']) rmSync(join(outDir, name), { force: true });
  workDir = mkdtempSync(join(tmpdir(), 'csp-playground-smoke-'));

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }

  // The assistant, in this process: auth off, SQLite in a temporary DATA_DIR, nothing read from `.env`.
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(workDir, 'data'),
    STORE: 'sqlite',
    LOG_LEVEL: 'info',
  });
  const logger = createLogger(
    config.logLevel,
    pino.destination({ dest: join(outDir, 'assistant.log'), sync: true, mkdir: true }),
  );
  assistant = await startAssistant(config, { logger });
  await waitForHttp(`http://127.0.0.1:${assistant.port}/healthz`, 10_000);
  say(`assistant ready on ${assistant.url}`);

  playground = await startPlayground({
    botEndpoint: botEndpointFor(config.host, assistant.port),
    port: await freePort(),
    cwd: workDir,
    logFile: join(outDir, 'agentsplayground.log'),
    timeoutMs: 30_000,
  });
  say(`Agents Playground ready on ${playground.url}`);

  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Offline by construction: the page's only outside requests are fonts and icons from Microsoft's
  // CDN; refuse them at once instead of waiting on DNS.
  await context.route(
    (url) => !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname),
    (route) => {
      pageLog.push(`blocked ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  page = await context.newPage();
  page.on('console', (message) => pageLog.push(`console.${message.type()} ${message.text()}`));
  page.on('pageerror', (error) => pageLog.push(`pageerror ${error.message}`));
  say(`Chromium ${browser.version()} launched`);

  await page.goto(playground.url, { waitUntil: 'domcontentloaded', timeout: 20_000 });

  // The Playground installs the app when the page opens (installationUpdate + conversationUpdate
  // with membersAdded): the welcome card must arrive without any click.
  const welcome = await expectCard(page, WELCOME_TITLE, 30_000, 'the welcome card');
  await expectVisible(welcome.getByRole('button').first(), 5_000, "the welcome card's buttons");
  await page.screenshot({ path: join(outDir, 'welcome.png') });
  say('welcome card rendered: welcome.png');

  await sendMessage(page, 'help');
  const help = await expectCard(page, HELP_TITLE, 20_000, 'the help card (after sending "help")');
  await help.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(outDir, 'help.png') });
  say('help card rendered: help.png');

  const warnings = (await logPanelText(page)).filter((line) => /warn|not supported|unsupported|error/i.test(line));
  for (const warning of warnings) say(`Playground log panel: ${warning}`);
}

async function logPanelText(target: Page): Promise<string[]> {
  try {
    const text = await target.locator('body').innerText({ timeout: 2_000 });
    const start = text.indexOf('Log Panel');
    return start < 0
      ? []
      : text
          .slice(start)
          .split('\n')
          .filter((line) => /^\[\d/.test(line.trim()));
  } catch {
    return [];
  }
}

let reported = false;
async function failed(error: unknown): Promise<never> {
  if (!reported) {
    reported = true;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nPLAYGROUND SMOKE TEST FAILED after ${elapsed()}: ${message}\n`);
    if (page) {
      const shot = await withTimeout(page.screenshot({ path: join(outDir, 'failure.png') }), 5_000);
      if (shot) process.stderr.write(`What was on screen: ${join(outDir, 'failure.png')}\n`);
      const panel = await withTimeout(logPanelText(page), 3_000);
      if (panel?.length) process.stderr.write(`Playground log panel:\n  ${panel.join('\n  ')}\n`);
    }
    if (playground) process.stderr.write(`Playground output (tail):\n${playground.output().slice(-2_000)}\n`);
    process.stderr.write(`Logs: ${outDir}/{agentsplayground,assistant,page}.log\n`);
  }
  await cleanup();
  process.exit(1);
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    try {
      writeFileSync(join(outDir, 'page.log'), `${pageLog.join('\n')}\n`);
    } catch {
      // the out directory may not exist if we failed before creating it
    }
    await withTimeout(browser?.close(), 10_000);
    await withTimeout(playground?.stop(3_000), 5_000);
    await withTimeout(assistant?.close(), 5_000);
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  })();
  return cleaning;
}

const watchdog = setTimeout(() => {
  // Last resort if cleanup itself hangs.
  setTimeout(() => process.exit(1), 15_000).unref();
  void failed(new Error(`the whole run took longer than ${TOTAL_MS / 1000} s`));
}, TOTAL_MS);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void failed(new Error(`interrupted by ${signal}`)));
}

run()
  .then(async () => {
    clearTimeout(watchdog);
    await cleanup();
    say(`PASS: welcome and help cards rendered in the Agents Playground (screenshots in ${outDir})`);
    process.exit(0);
  })
  .catch(failed);
