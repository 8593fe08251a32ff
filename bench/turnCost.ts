/**
 * What one turn costs, apart from throughput (issue 18 item 2): bytes allocated on the heap and store
 * operations per turn, and the CPU time of the process (this one: client, stub and bot), for the echo bot, the peer and the assistant's `help` and enrolment step, one turn
 * at a time in this process (its connector stub and its HTTP client included, which the echo bot's
 * figure shows). Allocations are counted with V8's GC profiler: what the heap grew by, plus what every
 * collection in between freed, so a collection during the run does not hide anything.
 *
 *   npm run build && node --expose-gc dist/bench/turnCost.js [turns]
 */
import { GCProfiler } from 'node:v8';
import { startEchoBot } from './echoBot';
import { assistantInTempDir, postTurn, replySink } from './inProcessTurns';
import { enrolmentSubmission, teamsMessage } from './load';
import { startPeerBot } from './peerBot';

const turns = Number(process.argv[2] ?? 200);

interface GcEntry {
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

/** What one turn cost: bytes allocated, and this process's CPU time (user + system; stub and client included). */
interface TurnCost {
  bytes: number;
  cpuMicros: number;
}

async function costPerTurn(url: string, body: (sequence: number) => string): Promise<TurnCost> {
  const post = (sequence: number) => postTurn(url, body(sequence));
  for (let i = 1; i <= 50; i++) await post(i);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const profiler = new GCProfiler();
  const start = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  profiler.start();
  for (let i = 51; i <= 50 + turns; i++) await post(i);
  const end = process.memoryUsage().heapUsed;
  const spent = process.cpuUsage(cpu);
  const { statistics } = profiler.stop() as unknown as { statistics: GcEntry[] };
  const freed = statistics.reduce(
    (sum, s) => sum + Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize),
    0,
  );
  return { bytes: (end - start + freed) / turns, cpuMicros: (spent.user + spent.system) / turns };
}

async function main() {
  const stub = await replySink();
  const kb = ({ bytes, cpuMicros }: TurnCost) =>
    `${Math.round(bytes / 1024)} KB, ${(cpuMicros / 1000).toFixed(2)} ms CPU`;
  const results: Record<string, string> = {};

  const echo = await startEchoBot();
  results.echo = kb(
    await costPerTurn(`http://127.0.0.1:${echo.port}`, (s) => teamsMessage(stub.url, 'cost0echo', 0, 'hi', s)),
  );
  await echo.close();

  const peer = await startPeerBot({ store: 'sqlite' });
  results.peer = kb(
    await costPerTurn(`http://127.0.0.1:${peer.port}`, (s) =>
      teamsMessage(stub.url, 'cost0peer', 0, enrolmentSubmission(s), s),
    ),
  );
  await peer.close();

  const running = await assistantInTempDir('csp-turn-cost-');
  const { assistant } = running;
  const operations = async () => {
    const metric = await assistant.metrics.storeSeconds.get();
    const counts: Record<string, number> = {};
    for (const v of metric.values)
      if (v.metricName?.endsWith('_count')) counts[String(v.labels.operation)] = Number(v.value);
    return counts;
  };
  const perTurn = async (name: string, body: (sequence: number) => string) => {
    const before = await operations();
    const cost = await costPerTurn(assistant.url, body);
    const after = await operations();
    const ops = Object.entries(after)
      .map(([op, n]) => [op, (n - (before[op] ?? 0)) / (turns + 50)] as const)
      .filter(([, n]) => n > 0)
      .map(([op, n]) => `${op} ${n.toFixed(2)}`)
      .join(', ');
    results[name] = `${kb(cost)}; store operations a turn: ${ops}`;
  };
  await perTurn('assistant help', (s) => teamsMessage(stub.url, 'cost0help', 0, 'help', s));
  // As Teams sends it: a card's button carries the card's activity id (a double click is watched).
  await perTurn('assistant enrolment step', (s) => teamsMessage(stub.url, 'cost0enrl', 0, enrolmentSubmission(s), s));
  await running.close();
  await stub.close();

  process.stdout.write(`Allocated and CPU per turn (${turns} turns, one at a time, after 50 unmeasured):\n`);
  for (const [name, value] of Object.entries(results)) process.stdout.write(`  ${name}: ${value}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
