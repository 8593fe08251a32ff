// What a checklist turn's writes cost the SQLite store, in the two shapes issue 18 compared: the turn's
// writes one after another (the press's claim, the draft on every other turn, the state: 2.5
// compare-and-sets) against one commitAll of the same records. Both run in this process, alternated,
// 16 turns at a time (the bench's connections), on one store file; measured: wall time and the process's
// CPU time (every thread: the main one and node-sqlite3's pool), a turn. Not part of `npm run bench`: it
// writes records straight into a spare store, because what it measures is the store, not a user's road.
//
//   npx tsx scripts/commitShapesBench.ts [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../services/storage/openStore';
import type { AtomicStore, RecordWrite } from '../services/storage/atomicStore';

const CONNECTIONS = 16;
const TURNS_A_ROUND = 40;
const rounds = Number(process.argv[2] ?? 9);

const state = { dialogState: { dialogStack: [{ id: 'enrolmentDialog', state: { text: 'x'.repeat(1500) } }] } };
const draft = { legalName: 'Tailspin Toys sp. z o.o.', notes: 'y'.repeat(900) };
const press = { press: 'p'.repeat(40), state: 'handled', at: new Date().toISOString(), deliveries: [] };

type Versions = Map<string, number>;

/** One connection's turns: each writes its records in `shape`, at the versions it last wrote. */
async function connection(records: AtomicStore, n: number, turns: number, shape: 'each' | 'together', v: Versions) {
  for (let turn = 0; turn < turns; turn++) {
    const writes: RecordWrite[] = [
      { key: `press:${n}`, expectedVersion: v.get(`press:${n}`), value: press, ttlMs: 3_600_000 },
      ...(turn % 2 ? [{ key: `partner:${n}`, expectedVersion: v.get(`partner:${n}`), value: draft }] : []),
      { key: `bot:${n}`, expectedVersion: v.get(`bot:${n}`), value: state },
    ];
    if (shape === 'each') {
      for (const w of writes) {
        const version = await records.compareAndSet(w.key, w.expectedVersion, w.value, { ttlMs: w.ttlMs });
        if (version === undefined) throw new Error(`lost ${w.key}`);
        v.set(w.key, version);
      }
    } else {
      if (!(await records.commitAll(writes))) throw new Error(`lost a commit of ${n}`);
      for (const w of writes) v.set(w.key, (w.expectedVersion ?? 0) + 1);
    }
  }
}

async function round(records: AtomicStore, shape: 'each' | 'together', v: Versions) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => connection(records, n, TURNS_A_ROUND, shape, v)));
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const turns = CONNECTIONS * TURNS_A_ROUND;
  return { wallMs: wallMs / turns, cpuMs: (used.user + used.system) / 1000 / turns };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'commit-shapes-'));
  const store = openStore({ backend: 'sqlite', dataDir });
  const versions = { each: new Map(), together: new Map() } as Record<'each' | 'together', Versions>;
  // Each shape on records of its own (the keys differ by prefix per shape).
  const prefixed = (shape: 'each' | 'together'): AtomicStore =>
    Object.assign(Object.create(store.records) as AtomicStore, {
      compareAndSet: (key: string, e: number | undefined, value: unknown, o?: { ttlMs?: number }) =>
        store.records.compareAndSet(`${shape}:${key}`, e, value, o),
      commitAll: (writes: readonly RecordWrite[]) =>
        store.records.commitAll(writes.map((w) => ({ ...w, key: `${shape}:${w.key}` }))),
    });
  const results: Record<string, Array<{ wallMs: number; cpuMs: number }>> = { each: [], together: [] };
  await round(prefixed('each'), 'each', versions.each);
  await round(prefixed('together'), 'together', versions.together);
  for (let i = 0; i < rounds; i++) {
    for (const shape of (i % 2 ? ['together', 'each'] : ['each', 'together']) as Array<'each' | 'together'>) {
      results[shape].push(await round(prefixed(shape), shape, versions[shape]));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const shape of ['each', 'together']) {
    const wall = median(results[shape].map((r) => r.wallMs));
    const cpu = median(results[shape].map((r) => r.cpuMs));
    console.log(
      `${shape === 'each' ? '2.5 compare-and-sets' : 'one commitAll      '}: wall ${wall.toFixed(3)} ms a turn, CPU ${cpu.toFixed(3)} ms a turn (medians of ${rounds} rounds)`,
    );
  }
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
