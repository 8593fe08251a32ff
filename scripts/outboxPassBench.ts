/**
 * How long one outbox worker pass takes beside many unrelated records (not a test: no assertions).
 * A unit-level micro-benchmark: it writes records and outbox jobs into a spare store directly, since
 * what it measures is one pass over such a store; `npm run bench` takes the users' road instead.
 *
 *   npx tsx scripts/outboxPassBench.ts <redis://host:port/db | sqlite> [--unrelated 50000] [--due 200] [--future 1000]
 *
 * A Redis database must be empty (give a spare index, e.g. redis://127.0.0.1:6379/15): the script fills
 * it and flushes it when done. Prints the median of an idle pass (only future jobs in the index) and of a
 * pass that delivers `--due` jobs, each beside `--unrelated` records (conversation references and such).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type KeyvRedis from '@keyv/redis';
import { Outbox } from '../services/outbox/outbox';
import { openStore, type Store } from '../services/storage/openStore';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

/** The raw Redis client under the store, for DBSIZE and FLUSHDB. */
async function redisClient(store: Store) {
  const client = await (store.keyv.store as KeyvRedis<unknown>).getClient();
  return client as unknown as { dbSize(): Promise<number>; flushDb(): Promise<unknown> };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function fillUnrelated(store: Store, count: number) {
  // About the size of a stored conversation reference.
  const value = {
    v: 1,
    d: { reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/', note: 'x'.repeat(400) } },
  };
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      key: `teams:ref:bench-${String(Math.floor((i + j) / 10)).padStart(6, '0')}:${i + j}`,
      value,
    }));
    await store.keyv.setMany(batch);
  }
}

async function main(argv: string[]): Promise<number> {
  const target = argv[0];
  if (!target || (!target.startsWith('redis://') && target !== 'sqlite')) {
    console.error('usage: outboxPassBench.ts <redis://host:port/db | sqlite> [--unrelated N] [--due N] [--future N]');
    return 2;
  }
  const unrelated = option(argv, 'unrelated', 50_000);
  const dueCount = option(argv, 'due', 200);
  const futureCount = option(argv, 'future', 1_000);
  const dataDir = target === 'sqlite' ? mkdtempSync(path.join(os.tmpdir(), 'outbox-pass-')) : undefined;
  const store =
    target === 'sqlite' ? openStore({ backend: 'sqlite', dataDir }) : openStore({ backend: 'redis', redisUrl: target });
  let filled = false;
  try {
    if (target !== 'sqlite' && (await (await redisClient(store)).dbSize()) > 0) {
      console.error(`${target} is not empty: give the script a spare database index.`);
      return 2;
    }
    filled = true;
    const clock = { now: 1_900_000_000_000 };
    let delivered = 0;
    const outbox = new Outbox({
      records: store.records,
      logger: silent,
      now: () => clock.now,
      handlers: {
        bench: async () => {
          delivered += 1;
          return { kind: 'delivered' };
        },
      },
    });
    const lanes = [{ key: 'bench', perSecond: 1e9, burst: 1e9 }];

    let started = performance.now();
    await fillUnrelated(store, unrelated);
    const fillMs = performance.now() - started;
    // Jobs waiting for later (retries in backoff, say): in the index, never due during the passes.
    const later = { ...clock, now: clock.now + 3_600_000 };
    const laterOutbox = new Outbox({ records: store.records, logger: silent, now: () => later.now, handlers: {} });
    for (let i = 0; i < futureCount; i++) {
      await laterOutbox.enqueue({ kind: 'bench', dedupeKey: `later-${i}`, payload: {}, lanes });
    }
    // The first pass of an instance may do one-time work (a migration): not measured.
    await outbox.drain();

    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      await outbox.drain();
      idle.push(performance.now() - started);
    }

    const busy: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < dueCount; i++) {
        await outbox.enqueue({ kind: 'bench', dedupeKey: `due-${round}-${i}`, payload: {}, lanes });
      }
      clock.now += 1;
      started = performance.now();
      await outbox.drain();
      busy.push(performance.now() - started);
    }

    console.log(
      JSON.stringify({
        backend: store.records.backend,
        unrelated,
        future: futureCount,
        fillMs: Math.round(fillMs),
        idlePassMs: { median: +median(idle).toFixed(2), min: +Math.min(...idle).toFixed(2) },
        duePassMs: { jobs: dueCount, median: +median(busy).toFixed(2), min: +Math.min(...busy).toFixed(2) },
        delivered,
      }),
    );
    return delivered === dueCount * 5 ? 0 : 1;
  } finally {
    if (target !== 'sqlite' && filled) await (await redisClient(store)).flushDb();
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
