import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { type Assistant, startAssistant } from '../../bot/assistant';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { chromiumPath, openPlaygroundPage, withTimeout } from './browser';
import { startClientLocaleForwarder } from './clientLocale';
import { botEndpointFor, freePort, type Playground, startPlayground, waitForHttp } from './playground';

/**
 * The life of one run of a Playground script (the smoke test, the screenshots, the demos): the
 * assistant in this process, the Microsoft 365 Agents Playground, its page in headless Chromium, and
 * on the way out, whether the run passed, failed, timed out or was interrupted, everything stopped,
 * the page's log written and, on failure, what was on screen. Each script keeps its own steps.
 */

export interface SessionOptions {
  /** Progress lines read `[<name> 1.2s] ...`. */
  name: string;
  /** The failure's first line, e.g. `DEMO FAILED` (followed by "after 1.2s: <why>"). */
  failure: string;
  /** The last line of a run where every step held. */
  done: string;
  /** The whole run is bounded: past this it fails and stops what it started. */
  totalMs: number;
  /** Where assistant.log, agentsplayground.log, page.log and failure.png go. */
  logDir: string;
  /** The temporary directory's prefix (the assistant's data, the Playground's working directory). */
  workDirPrefix: string;
  /** Pictures an earlier run left in logDir, removed first so that none is taken for this run's. */
  staleFiles?: string[];
  /** More to say on failure while the page is still open (the smoke test prints the Log Panel). */
  diagnose?: (page: Page) => Promise<string | undefined>;
}

export class PlaygroundSession {
  readonly pageLog: string[] = [];
  readonly workDir: string;
  /** The assistant's DATA_DIR (SQLite), inside workDir. */
  readonly dataDir: string;
  assistant: Assistant | undefined;
  playground: Playground | undefined;
  browser: Browser | undefined;
  page: Page | undefined;
  private readonly started = Date.now();
  private readonly stops: Array<() => Promise<unknown>> = [];

  constructor(readonly options: SessionOptions) {
    mkdirSync(options.logDir, { recursive: true });
    for (const name of options.staleFiles ?? []) rmSync(join(options.logDir, name), { force: true });
    this.workDir = mkdtempSync(join(tmpdir(), options.workDirPrefix));
    this.dataDir = join(this.workDir, 'data');
  }

  elapsed = (): string => `${((Date.now() - this.started) / 1000).toFixed(1)}s`;

  say = (message: string): void => {
    process.stdout.write(`[${this.options.name} ${this.elapsed()}] ${message}\n`);
  };

  /**
   * The assistant with the product's features: auth off, SQLite in dataDir, nothing read from `.env`;
   * `env` adds to or overrides that; `clock`, the time its features see (a walk that moves days). Its log
   * goes to logDir/assistant.log.
   */
  async startAssistant(env: Record<string, string> = {}, clock?: () => Date): Promise<Assistant> {
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      STORE: 'sqlite',
      LOG_LEVEL: 'info',
      ...env,
    });
    const logger = createLogger(
      config.logLevel,
      pino.destination({ dest: join(this.options.logDir, 'assistant.log'), sync: true, mkdir: true }),
    );
    this.assistant = await startAssistant(config, { logger, clock });
    await waitForHttp(`http://127.0.0.1:${this.assistant.port}/healthz`, 10_000);
    return this.assistant;
  }

  /** Closes the assistant before the end of the run (to read what it left on disk). */
  async closeAssistant(): Promise<void> {
    const running = this.assistant;
    this.assistant = undefined;
    await running?.close();
  }

  /**
   * The Playground pointed at the assistant, on a free port, working in workDir. With `clientLocale`
   * (e.g. `pl-PL`) its activities carry that locale, as a Teams client in that language sends them
   * (see clientLocale.ts); without it, the Playground's own `en-US`.
   */
  async startPlayground(options: { clientLocale?: string } = {}): Promise<Playground> {
    const assistant = this.assistant;
    if (!assistant) throw new Error('start the assistant before the Playground');
    let botEndpoint = botEndpointFor(assistant.config.host, assistant.port);
    if (options.clientLocale) {
      const forwarder = await startClientLocaleForwarder(botEndpoint, options.clientLocale);
      this.onCleanup(() => forwarder.stop());
      botEndpoint = forwarder.endpoint;
    }
    this.playground = await startPlayground({
      botEndpoint,
      port: await freePort(),
      cwd: this.workDir,
      logFile: join(this.options.logDir, 'agentsplayground.log'),
      timeoutMs: 30_000,
    });
    return this.playground;
  }

  /** The Playground's page in headless Chromium, offline; what it logs goes to page.log. */
  async openPage(viewport: { width: number; height: number }): Promise<Page> {
    const playground = this.playground;
    if (!playground) throw new Error('start the Playground before opening its page');
    const opened = await openPlaygroundPage({ url: playground.url, viewport, pageLog: this.pageLog });
    this.browser = opened.browser;
    this.page = opened.page;
    return opened.page;
  }

  /** Something else the script started (a Slack Web API stub), stopped after the assistant. */
  onCleanup(stop: () => Promise<unknown>): void {
    this.stops.push(stop);
  }

  private cleaning: Promise<void> | undefined;
  cleanup(): Promise<void> {
    this.cleaning ??= (async () => {
      try {
        writeFileSync(join(this.options.logDir, 'page.log'), `${this.pageLog.join('\n')}\n`);
      } catch {
        // the log directory may be gone or unwritable; the rest must still stop
      }
      await withTimeout(this.browser?.close(), 10_000);
      await withTimeout(this.playground?.stop(3_000), 5_000);
      await withTimeout(this.assistant?.close(), 5_000);
      for (const stop of this.stops) await withTimeout(stop(), 5_000);
      rmSync(this.workDir, { recursive: true, force: true });
    })();
    return this.cleaning;
  }

  private reported = false;
  async failed(error: unknown): Promise<never> {
    if (!this.reported) {
      this.reported = true;
      const { logDir } = this.options;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`\n${this.options.failure} after ${this.elapsed()}: ${message}\n`);
      if (this.page) {
        const shot = await withTimeout(this.page.screenshot({ path: join(logDir, 'failure.png') }), 5_000);
        if (shot) process.stderr.write(`What was on screen: ${join(logDir, 'failure.png')}\n`);
        const more = this.options.diagnose && (await withTimeout(this.options.diagnose(this.page), 3_000));
        if (more) process.stderr.write(`${more}\n`);
      }
      if (this.playground) {
        process.stderr.write(`Playground output (tail):\n${this.playground.output().slice(-2_000)}\n`);
      }
      process.stderr.write(`Logs: ${logDir}/{agentsplayground,assistant,page}.log\n`);
    }
    await this.cleanup();
    process.exit(1);
  }
}

/**
 * Runs `steps` in a session and exits the process: 0 when they all held, 1 when one threw, the run took
 * longer than totalMs, or SIGINT/SIGTERM came; whatever was started is stopped either way. Chromium is
 * looked for first, so a machine without it fails before anything starts.
 */
export function runPlaygroundSession(
  options: SessionOptions,
  steps: (session: PlaygroundSession) => Promise<void>,
): void {
  let session: PlaygroundSession | undefined;
  const fail = (error: unknown): Promise<never> => {
    if (session) return session.failed(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\n${options.failure}: ${message}\n`);
    process.exit(1);
  };

  const watchdog = setTimeout(() => {
    // Last resort if cleanup itself hangs.
    setTimeout(() => process.exit(1), 15_000).unref();
    void fail(new Error(`the whole run took longer than ${options.totalMs / 1000} s`));
  }, options.totalMs);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void fail(new Error(`interrupted by ${signal}`)));
  }

  (async () => {
    // After the rest of the script's module has run, so that its steps may use constants declared below the call.
    await Promise.resolve();
    chromiumPath();
    session = new PlaygroundSession(options);
    await steps(session);
    clearTimeout(watchdog);
    await session.cleanup();
    session.say(options.done);
    process.exit(0);
  })().catch(fail);
}
