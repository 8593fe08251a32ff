/**
 * What listing the partnerships costs on Redis beside many unrelated keys, by prefix (a SCAN of the whole
 * keyspace, then MGET: the listing of the countdown and confirmation passes and of a provider's App Home
 * before) and from their indexes (services/partnerships/partnershipIndexes.ts), in the same process, in
 * alternated rounds. Not a test (no assertions); a unit-level micro-benchmark like outboxPassBench.ts: it
 * writes records straight into a spare store, since what it measures is the listing beside such a store.
 *
 *   npx tsx scripts/listingsBench.ts <redis://127.0.0.1:6379/15 | sqlite> [--unrelated 100000] [--providers 20] [--resellers 10] [--rounds 15]
 *
 * A Redis database must be empty (a spare index): the script fills it and flushes it when done. On SQLite
 * (a temporary directory) a listing by prefix is a range of the key index, not a walk of the keyspace: the
 * figure says what the index costs there instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type KeyvRedis from '@keyv/redis';
import { type Partnership, partnershipId } from '../services/domain/partnership';
import { PartnershipIndexes } from '../services/partnerships/partnershipIndexes';
import { KEYS } from '../services/partnerships/partnershipRecords';
import { openStore } from '../services/storage/openStore';

interface RawClient {
  dbSize(): Promise<number>;
  flushDb(): Promise<unknown>;
  sendCommand(args: string[]): Promise<unknown>;
}

const option = (argv: string[], name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(argv: string[]): Promise<number> {
  const target = argv[0];
  if (!target?.startsWith('redis://') && target !== 'sqlite') {
    console.error(
      'usage: listingsBench.ts <redis://host:port/db | sqlite> [--unrelated N] [--providers N] [--resellers N]',
    );
    return 2;
  }
  const unrelated = option(argv, 'unrelated', 100_000);
  const providers = option(argv, 'providers', 20);
  const resellers = option(argv, 'resellers', 10);
  const rounds = option(argv, 'rounds', 15);
  const dataDir = target === 'sqlite' ? mkdtempSync(path.join(os.tmpdir(), 'listings-bench-')) : undefined;
  const store = dataDir ? openStore({ backend: 'sqlite', dataDir }) : openStore({ backend: 'redis', redisUrl: target });
  const raw = dataDir
    ? undefined
    : ((await (store.keyv.store as KeyvRedis<unknown>).getClient()) as unknown as RawClient);
  if (raw && (await raw.dbSize()) > 0) {
    console.error(`${target} is not empty: give a spare database`);
    await store.close();
    return 2;
  }
  try {
    // Delivery-ledger records, bot state, requests: keys of other collections, of a typical record's size.
    const filler = 'x'.repeat(300);
    for (let at = 0; at < unrelated; at += 1_000) {
      const count = Math.min(1_000, unrelated - at);
      const batch = Array.from({ length: count }, (_, i) => ({ key: `ledger:${at + i}`, value: filler }));
      if (raw) await raw.sendCommand(['MSET', ...batch.flatMap(({ key, value }) => [key, value])]);
      else await store.keyv.setMany(batch);
    }
    const indexes = new PartnershipIndexes(store.records, () => new Date());
    const at = new Date().toISOString();
    for (let p = 0; p < providers; p++) {
      for (let r = 0; r < resellers; r++) {
        const [providerId, resellerId] = [`slack:TBENCH${p}`, `reseller-${p}-${r}`];
        await indexes.willBeStored(providerId, resellerId);
        const partnership = { id: partnershipId(providerId, resellerId), providerId, resellerId, state: 'active' };
        await store.records.compareAndSet(KEYS.partnership(providerId, resellerId), undefined, {
          ...partnership,
          createdAt: at,
          updatedAt: at,
        } as Partnership);
      }
    }
    const provider = 'slack:TBENCH0';
    const cases = {
      'every partnership (countdown, confirmation pass)': {
        before: () => store.records.list<Partnership>(KEYS.partnerships),
        after: () => indexes.all.values(),
      },
      "one provider's partnerships (App Home, /csp resellers)": {
        before: () => store.records.list<Partnership>(KEYS.partnershipsOf(provider)),
        after: () => indexes.of(provider).values(),
      },
    };
    console.log(
      `${target}: ${unrelated.toLocaleString('en')} unrelated keys, ${providers * resellers} partnerships ` +
        `(${providers} providers x ${resellers}), ${rounds} alternated rounds, median ms`,
    );
    for (const [what, { before, after }] of Object.entries(cases)) {
      const [byPrefix, byIndex] = [(await before()).length, (await after()).length];
      if (byPrefix !== byIndex) throw new Error(`${what}: ${byPrefix} listed by prefix, ${byIndex} by index`);
      const times = { before: [] as number[], after: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        times.before.push(await timed(before));
        times.after.push(await timed(after));
      }
      const [old, now] = [median(times.before), median(times.after)];
      console.log(
        `  ${what}: ${byIndex} listed; before (by prefix) ${old.toFixed(1)} ms, after (the listing of RecordIndex) ${now.toFixed(2)} ms (before/after x${(old / now).toFixed(old / now < 10 ? 2 : 0)})`,
      );
    }
    return 0;
  } finally {
    await raw?.flushDb();
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
