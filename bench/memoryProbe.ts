import { readFileSync, writeFileSync } from 'node:fs';
import { Child } from './child';
import { processCpuSeconds } from './cpuTime';
import { distinctConversations } from './load';

/**
 * Where the assistant's resident memory is after N new conversations (issue 18 item 3), beside V8's own
 * account of its heap: `npm run build && node dist/bench/memoryProbe.js [conversations] [node flags...]`.
 * The assistant runs as the bench's memory section runs it (bench/target.ts, SQLite); /proc/<pid>/smaps is
 * summed by kind of mapping (V8's heap is among the anonymous ones) idle, right after the load and after a
 * full collection, with the load's peak RSS and the assistant's CPU. PROBE_STEPS=n runs the load in n parts
 * with the live heap after each (is it bounded?); PROBE_SETTLE=1 reads everything again 30 s later.
 */
interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  rssKb: number;
}

function mappings(pid: number): Mapping[] {
  const out: Mapping[] = [];
  let current: Mapping | undefined;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = { start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), perms: head[3], path: head[4], rssKb: 0 };
      out.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rssKb = Number(rss[1]);
  }
  return out;
}

const ARENA = 64n * 1024n * 1024n;

/** Resident kB by kind: files (code, libraries), the main malloc heap, thread arenas, other anonymous memory. */
function byKind(pid: number): Record<string, number> {
  const maps = mappings(pid);
  const kinds: Record<string, number> = { files: 0, brkHeap: 0, mallocArenas: 0, anonymous: 0, stacks: 0, total: 0 };
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i];
    kinds.total += m.rssKb;
    if (m.path.startsWith('/')) kinds.files += m.rssKb;
    else if (m.path === '[heap]') kinds.brkHeap += m.rssKb;
    else if (m.path.startsWith('[stack')) kinds.stacks += m.rssKb;
    else if (m.path) kinds.anonymous += m.rssKb;
    // glibc's thread arenas: 64 MB-aligned reservations, the used part rw-p followed by the rest ---p.
    else if (
      m.start % ARENA === 0n &&
      m.perms.startsWith('rw') &&
      maps[i + 1]?.start === m.end &&
      maps[i + 1].perms === '---p' &&
      maps[i + 1].end - m.start === ARENA
    )
      kinds.mallocArenas += m.rssKb;
    else kinds.anonymous += m.rssKb;
  }
  return Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, Math.round(v / 1024)]));
}

type Usage = NodeJS.MemoryUsage & { newSpace: number; spaces?: Array<{ name: string; size: number; used: number }> };

function show(label: string, usage: Usage, pid: number) {
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  const spaces = (usage.spaces ?? [])
    .map((s) => `${s.name.replace('_space', '')} ${mb(s.size)}/${mb(s.used)}`)
    .join(', ');
  process.stdout.write(
    `${label}: rss ${mb(usage.rss)} MB, heap ${mb(usage.heapUsed)}/${mb(usage.heapTotal)} MB, external ${mb(usage.external)} MB; spaces (committed/used) ${spaces}\n  smaps MB ${JSON.stringify(byKind(pid))}\n`,
  );
}

async function main() {
  const count = Number(process.argv[2] ?? 10_000);
  const flags = process.argv.slice(3);
  const stub = await Child.start('connectorStub');
  const assistant = await Child.start(
    'target',
    [JSON.stringify({ kind: 'assistant', store: 'sqlite' })],
    ['--expose-gc', ...flags],
  );
  const pid = assistant.process.pid ?? 0;
  try {
    show('idle, collected', await assistant.request<Usage>('memory', { collect: true }), pid);
    // Peak RSS of the load alone: Linux resets VmHWM to the current RSS when 5 is written to clear_refs.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const cpuBefore = processCpuSeconds(pid) ?? 0;
    const runId = Date.now().toString(16).slice(-8);
    let rps = 0;
    // PROBE_STEPS=n: the load in n parts, the live heap after each (a full collection between parts).
    const steps = Number(process.env.PROBE_STEPS ?? 1);
    for (let step = 0; step < steps; step++) {
      const load = await distinctConversations({
        url: `http://127.0.0.1:${assistant.port}`,
        serviceUrl: `http://127.0.0.1:${stub.port}/`,
        // The first 8 characters make the tenant and the person (bench/load.ts): each part its own people.
        runId: `${step.toString(16)}${runId.slice(1)}`,
        amount: count / steps,
      });
      if (load.non2xx + load.errors > 0) throw new Error(`${load.non2xx + load.errors} turns failed`);
      rps = load.rps;
      if (steps > 1)
        show(
          `after ${((step + 1) * count) / steps}, collected`,
          await assistant.request<Usage>('memory', { collect: true }),
          pid,
        );
    }
    const cpu = (processCpuSeconds(pid) ?? 0) - cpuBefore;
    const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    process.stdout.write(
      `load: ${Math.round(rps)} turns/s, the assistant's CPU ${cpu.toFixed(1)} s (${((cpu / count) * 1000).toFixed(2)} ms a turn); peak RSS during the load ${Math.round(peakKb / 1024)} MB\n`,
    );
    show('after', await assistant.request<Usage>('memory'), pid);
    show('after, collected', await assistant.request<Usage>('memory', { collect: true }), pid);
    if (process.env.PROBE_SETTLE) {
      await new Promise((r) => setTimeout(r, 30_000));
      show('30 s later', await assistant.request<Usage>('memory'), pid);
    }
  } finally {
    await assistant.stop();
    await stub.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
