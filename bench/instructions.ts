import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Instructions a turn, counted by valgrind's callgrind (issue 18). The throughput bench moves by ±15 % between
 * runs on this 2-core host; this moves by about 1 %, so a change worth a few per cent of a turn can be seen.
 * Each kind runs twice in a process of its own (`bench/instructionTurns.ts`, one turn at a time), with
 * `short` and then `long` turns; the difference of the two totals over the `long - short` turns between
 * them is what a warmed-up turn costs, start-up and the first turns' compiling cancelled out. V8 runs
 * `--single-threaded`: the compiler's and the collector's work is counted too, on the one thread, as are
 * node-sqlite3's and libuv's threads (callgrind runs every thread).
 *
 * Run it alone on the machine. The assistant's background passes run by the clock, and under callgrind a
 * turn takes about 50 times as long, so a slower run does more of them a turn. Measured on 2026-12-04
 * (bench/README.md, session 32), turns 101–300 of the enrolment step, each alone: 14.42 and 14.44 M a turn
 * before the card templates shared their fixed parts, 14.30 and 14.41 after; turns 101–500, 14.84 alone and
 * 17.1–17.8 with eight such processes at once on the 2 cores.
 *
 * Instructions are not time: a cache miss or a wait costs none. They compare two versions of the code, or
 * the assistant with the peer, doing the same turns. Two runs at a time, one a core; about 2 minutes a pair.
 *
 *   npm run build && node dist/bench/instructions.js [--kinds=peer,enrolment] [--turns=100,300]
 */
export const TURN_KINDS = ['echo', 'peer', 'help', 'enrolment'] as const;
export type InstructionTurnKind = (typeof TURN_KINDS)[number];

const option = (name: string) =>
  process.argv
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');

/** The instructions callgrind counted over one process running `turns` turns of `kind`. */
function count(kind: InstructionTurnKind, turns: number): Promise<number> {
  const driver = path.join(__dirname, 'instructionTurns.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        '--single-threaded',
        '--no-deprecation',
        driver,
        kind,
        String(turns),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const collected = /Collected : (\d+)/.exec(stderr);
      if (code === 0 && collected) resolve(Number(collected[1]));
      else reject(new Error(`${kind} × ${turns} under callgrind: exit ${code}\n${stderr.slice(-2000)}`));
    });
  });
}

async function main() {
  const kinds = (option('kinds') ?? [...TURN_KINDS]) as InstructionTurnKind[];
  const [short, long] = (option('turns') ?? ['100', '300']).map(Number);
  if (kinds.some((kind) => !TURN_KINDS.includes(kind)) || !(long > short))
    throw new Error('usage: --kinds=<kinds> --turns=<short>,<long>');
  const perTurn = new Map<InstructionTurnKind, number>();
  for (const kind of kinds) {
    const [few, many] = await Promise.all([count(kind, short), count(kind, long)]);
    const instructions = (many - few) / (long - short);
    perTurn.set(kind, instructions);
    process.stderr.write(`[instructions] ${kind}: ${(instructions / 1e6).toFixed(2)} M a turn\n`);
  }
  const ratio = (kind: InstructionTurnKind, base: InstructionTurnKind) => {
    const of = perTurn.get(kind);
    const to = perTurn.get(base);
    return of !== undefined && to !== undefined && kind !== base ? `, ×${(of / to).toFixed(3)} ${base}` : '';
  };
  process.stdout.write(`Instructions a turn (callgrind, turns ${short + 1}–${long}, one at a time):\n`);
  for (const [kind, value] of perTurn)
    process.stdout.write(`  ${kind}: ${(value / 1e6).toFixed(2)} M${ratio(kind, 'peer')}${ratio(kind, 'echo')}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
