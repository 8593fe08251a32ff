import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type KeyvRedis from '@keyv/redis';
import type { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { AtomicStore } from './atomicStore';
import { MemoryAtomicStore } from './memoryAtomicStore';
import type { RedisAtomicStore } from './redisAtomicStore';
import { SqliteAtomicStore } from './sqliteAtomicStore';
import { retryWhileBusy } from './sqliteBusy';
import { TimeBoundedStore } from './timeBoundedStore';

export interface StoreOptions {
  /** `memory` is for tests and throwaway runs; the product default is `sqlite`. */
  backend: 'memory' | 'sqlite' | 'redis';
  dataDir?: string;
  redisUrl?: string;
  /** Before every Redis key (REDIS_KEY_PREFIX); empty keeps the unprefixed keys of earlier versions. */
  redisKeyPrefix?: string;
  /**
   * SQLite's `PRAGMA synchronous` (WAL mode). `full` (the default): a commit is on disk before it
   * returns. `normal`: no disk flush per commit, only at checkpoints; a crash of the process loses
   * nothing, a power loss or OS crash can lose the last commits (never corrupt the file).
   */
  sqliteSynchronous?: 'full' | 'normal';
  /** Called for errors a backend emits outside any request (a dropped Redis connection, ...). */
  onError?: (error: unknown) => void;
  /** Every record operation fails after this long (STORE_TIMEOUT_MS); unbounded when left out. */
  timeoutMs?: number;
}

/** The one store: Keyv for plain values, and the atomic record store on the same backend. */
export interface Store {
  keyv: Keyv;
  records: AtomicStore;
  /** On Redis: the store's connected node-redis client, for what shares the server (the outbox's limits). */
  redisClient?: () => Promise<unknown>;
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'csp-assistant.sqlite';
/** How long a write waits for another process's lock on the SQLite file before it fails. */
const BUSY_TIMEOUT_MS = 5000;

export function openStore(options: StoreOptions): Store {
  const store = openBackend(options);
  if (options.timeoutMs === undefined) return store;
  return { ...store, records: new TimeBoundedStore(store.records, options.timeoutMs) };
}

function openBackend(options: StoreOptions): Store {
  const onError = options.onError ?? (() => {});
  // Keys pass through untouched (no Keyv prefix), so Keyv and the atomic store address the same rows.
  const keyvOptions = { useKeyPrefix: false, throwOnErrors: true } as const;

  if (options.backend === 'redis') {
    if (!options.redisUrl) throw new Error('REDIS_URL is required for the redis store');
    // throwOnErrors: a Redis outage must surface as an error, never as an empty read.
    // Loaded only for Redis: the client library is a noticeable part of the start-up an SQLite instance skips.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { default: Adapter, createClient: createRedisClient } = require('@keyv/redis') as {
      default: typeof KeyvRedis;
      createClient: typeof createClient;
    };
    const { RedisAtomicStore: Records } = require('./redisAtomicStore') as {
      RedisAtomicStore: typeof RedisAtomicStore;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const connectMs = options.timeoutMs ?? 2000;
    // No offline queue: while the link is down a command fails at once instead of waiting, unbounded, for
    // the reconnection (issue 13 point 2); reconnecting goes on in the background.
    const client = createRedisClient({
      url: options.redisUrl,
      disableOfflineQueue: true,
      socket: { connectTimeout: connectMs, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
    });
    const adapter = new Adapter(client, {
      throwOnErrors: true,
      throwOnConnectError: true,
      connectionTimeout: connectMs,
    });
    adapter.on('error', onError);
    connectOneAtATime(adapter);
    const keyPrefix = options.redisKeyPrefix ?? '';
    const keyv = withNamespace(new Keyv({ store: adapter, ...keyvOptions }), keyPrefix);
    adapter.keyPrefixSeparator = '';
    keyv.on('error', onError);
    const records = new Records(adapter, keyPrefix);
    return { keyv, records, redisClient: () => adapter.getClient(), close: () => records.close() };
  }

  if (options.backend === 'sqlite') {
    const dataDir = path.resolve(options.dataDir ?? './data');
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    const synchronous = options.sqliteSynchronous ?? 'full';
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS });
    adapter.on('error', onError);
    // The adapter creates the table on connecting; WAL lets readers run beside a writer, and keeps two
    // processes on one file from blocking each other. The switch is tried again while SQLite answers BUSY:
    // it reads the file and then asks for its write lock, and SQLite refuses that promotion at once, busy
    // timeout or not, while another connection holds the write lock (waiting could deadlock, see
    // sqlite.org/c3ref/busy_handler.html). On a fresh file that is another instance setting it up at the
    // same instant; refused once, the records never opened (every request failed until a restart).
    let closed = false;
    const fileReady = retryWhileBusy(
      () => adapter.query('PRAGMA journal_mode = WAL'),
      () => closed,
    );
    fileReady.catch(onError);
    void adapter.query(`PRAGMA synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`).catch(onError);
    const keyv = withoutNamespace(new Keyv({ store: adapter, ...keyvOptions }));
    keyv.on('error', onError);
    // The records have a connection of their own (see SqliteAtomicStore); Keyv's stays for Keyv's API.
    const records = new SqliteAtomicStore({
      file,
      table: (adapter.opts as { table: string }).table,
      fileReady,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      synchronous,
    });
    return {
      keyv,
      records,
      close: async () => {
        closed = true;
        await records.close();
        await adapter.disconnect();
      },
    };
  }

  const map = new Map<string, unknown>();
  const keyv = withoutNamespace(new Keyv({ store: map, ...keyvOptions }));
  keyv.on('error', onError);
  return { keyv, records: new MemoryAtomicStore(map), close: async () => {} };
}

/**
 * Keyv hands its default namespace ('keyv') to the adapter, and @keyv/redis then prefixes every key
 * with it; clearing it keeps one key space shared by Keyv and the atomic store on every backend.
 */
function withoutNamespace(keyv: Keyv): Keyv {
  return withNamespace(keyv, '');
}

/** On Redis the namespace is the application prefix itself (with no separator), as the atomic store writes it. */
function withNamespace(keyv: Keyv, namespace: string): Keyv {
  keyv.namespace = namespace || undefined;
  return keyv;
}

/**
 * @keyv/redis connects in `getClient` whenever its client is not open yet, once per call: two calls at
 * once (the first operations after start: the outbox, the sweeps and a turn together) made the second
 * `connect` fail, and its error handler closed the client under both ("The client is offline"). Every
 * user of the adapter, Keyv's own calls included, goes through `getClient`, so it is made single-flight
 * on this instance: callers during a connect share it.
 */
function connectOneAtATime(adapter: KeyvRedis<unknown>) {
  const getClient = adapter.getClient.bind(adapter);
  let connecting: ReturnType<typeof getClient> | undefined;
  adapter.getClient = () => {
    connecting ??= getClient().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };
}
