import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createClient } from '@redis/client';
import { type Assistant, type StartOptions, startAssistant } from '../../../bot/assistant';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { TEST_SIGNING_SECRET } from './slackRequests';
import { openStore, type Store } from '../../../services/storage/openStore';
import { REDIS_URL, UNIT_REDIS_URL } from './testRedis';

export { REDIS_URL, TEST_REDIS_DB, UNIT_REDIS_URL } from './testRedis';

/** Skips the current suite when no Redis is configured for this run (test/setup.ts says why, once). */
export function requireRedis(context: Mocha.Context) {
  if (!REDIS_URL) context.skip();
}

/** A store a unit suite opens itself: memory, SQLite in a fresh directory, or the run's Redis database. */
export interface UnitStore {
  name: string;
  needsRedis?: boolean;
  open: () => Store;
}

/** The backends a contract suite runs on (memory only where `withMemory`), the same list for every suite. */
export function unitStores({ withMemory = true } = {}): UnitStore[] {
  return [
    ...(withMemory ? [{ name: 'memory', open: () => openStore({ backend: 'memory' }) }] : []),
    { name: 'SQLite', open: () => openStore({ backend: 'sqlite', dataDir: tempDataDir() }) },
    { name: 'Redis', needsRedis: true, open: () => openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL }) },
  ];
}

/**
 * Opens `backend`'s store for the enclosing suite (skipped without Redis where it needs it) and closes it
 * after; call inside a `describe`. Returns the store once the suite has started.
 */
export function storeForSuite(backend: UnitStore): () => Store {
  let store: Store | undefined;
  before(function () {
    if (backend.needsRedis) requireRedis(this);
    store = backend.open();
  });
  after(async () => {
    await store?.close();
  });
  return () => store as Store;
}

/** Where a suite keeps its state: the embedded store, or its own Redis database. */
export interface StoreBackend {
  name: string;
  env: Record<string, string>;
  /** Skips the suite without Redis; empties its database otherwise (each suite starts from nothing). */
  prepare(context: Mocha.Context): Promise<void>;
}

/** The same suites on the embedded store and on Redis database `db` (emptied first). */
export function storeBackends(db: number): StoreBackend[] {
  return [
    { name: 'SQLite', env: {}, prepare: async () => {} },
    {
      name: 'Redis',
      env: { REDIS_URL: `${REDIS_URL ?? ''}/${db}` },
      prepare: async (context) => {
        requireRedis(context);
        const redis = createClient({ url: `${REDIS_URL}/${db}` });
        await redis.connect();
        await redis.flushDb();
        await redis.quit();
      },
    },
  ];
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'csp-test-'));
}

/** Collects every log line, to assert on what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  text(): string {
    return this.lines.join('');
  }
}

export interface TestAssistantOptions extends StartOptions {
  env?: Record<string, string | undefined>;
  dataDir?: string;
  slackApiUrl?: string;
  logs?: LogCapture;
}

/** Starts the real assistant (real server, real adapter, real store) on an ephemeral port. */
export async function startTestAssistant(options: TestAssistantOptions = {}): Promise<Assistant & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logs ? 'debug' : 'silent',
    DATA_DIR: dataDir,
    ...(options.slackApiUrl
      ? {
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_API_URL: options.slackApiUrl,
        }
      : {}),
    ...options.env,
  });
  const logger = options.logger ?? createLogger(config.logLevel, options.logs);
  const assistant = await startAssistant(config, { ...options, logger });
  return Object.assign(assistant, { dataDir });
}
