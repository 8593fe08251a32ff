import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Share, SHARES, sharesOf } from './instructionShares';

/**
 * Instructions a turn, counted by valgrind's callgrind (issue 18). The throughput bench moves by ±15 % between
 * runs on this 2-core host; a count of instructions moves by a few per cent, so a change worth several per
 * cent of a turn can be seen. Each kind runs in a process of its own (`bench/instructionTurns.ts`, one turn
 * at a time): `warm` turns uncounted, then `measured` turns counted, and the count over the measured turns
 * is what a warm turn costs. V8 runs `--single-threaded`: its compilers' and collector's work is counted too,
 * on the one thread, as are node-sqlite3's and libuv's threads (callgrind runs every thread). Each figure is
 * split into V8's collector, its compilers, node-sqlite3 and the rest (instructionShares.ts).
 *
 * Why counted only after a warm-up, and so many turns: session 32 counted the difference between runs of
 * 100 and 300 turns, and a split of that window (2026-12-04, session 33) showed 43 % of the enrolment step's
 * count and 39 % of the peer's was V8's optimising compiler still compiling. After 3,000 turns it was still
 * 18 % and 13 % (first compilations of code that gets hot slowly), after 10,000 turns 5–12 %. So:
 * 10,000 turns warm and 2,000 counted by default (a full collection falls in the window or not: two pairs
 * of 1,000 turns moved by 4–8 %), and the compiler's share printed apart.
 *
 * Run it alone on the machine, two at a time at most: a count depends on how long the turns take in wall
 * time, as V8 schedules some of its work by the clock (the same code and turns, five such processes at once
 * on the 2 cores: the peer 8.06 M a turn against 6.32 alone).
 *
 * The assistant's clock-driven passes are set an hour apart for the count (instructionTurns.ts says why).
 *
 * Instructions are not time: a cache miss or a wait costs none. They compare two versions of the code, or
 * the assistant with the peer, doing the same turns. Two runs at a time, one a core; about 7 minutes a pair
 * with the defaults.
 *
 *   npm run build && node dist/bench/instructions.js [--kinds=peer,enrolment] [--warm=10000] [--measured=2000]
 */
export const TURN_KINDS = ['echo', 'peer', 'help', 'enrolment'] as const;
export type InstructionTurnKind = (typeof TURN_KINDS)[number];

const option = (name: string) =>
  process.argv
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');

const execFileAsync = promisify(execFile);

interface Counted {
  perTurn: number;
  shares: Record<Share, number>;
}

/** What callgrind counted over `measured` turns of `kind` after `warm` uncounted ones, a turn, and its shares. */
async function count(kind: InstructionTurnKind, warm: number, measured: number): Promise<Counted> {
  const driver = path.join(__dirname, 'instructionTurns.js');
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'csp-callgrind-'));
  const outFile = path.join(outDir, `${kind}.out`);
  try {
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'valgrind',
        [
          '--tool=callgrind',
          '--instr-atstart=no',
          `--callgrind-out-file=${outFile}`,
          process.execPath,
          '--single-threaded',
          '--no-deprecation',
          driver,
          kind,
          String(warm),
          String(measured),
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (chunk) => (err += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(err) : reject(new Error(`${kind} under callgrind: exit ${code}\n${err.slice(-2000)}`)),
      );
    });
    const collected = /Collected : (\d+)/.exec(stderr);
    if (!collected) throw new Error(`${kind}: callgrind collected nothing\n${stderr.slice(-2000)}`);
    const { stdout: annotated } = await execFileAsync(
      'callgrind_annotate',
      ['--inclusive=no', '--threshold=100', outFile],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const shares = sharesOf(annotated);
    for (const share of SHARES) shares[share] /= measured;
    return { perTurn: Number(collected[1]) / measured, shares };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const millions = (instructions: number) => `${(instructions / 1e6).toFixed(2)} M`;

async function main() {
  const kinds = (option('kinds') ?? [...TURN_KINDS]) as InstructionTurnKind[];
  const warm = Number(option('warm')?.[0] ?? 10000);
  const measured = Number(option('measured')?.[0] ?? 2000);
  if (kinds.some((kind) => !TURN_KINDS.includes(kind)) || !(warm >= 0) || !(measured >= 1))
    throw new Error('usage: --kinds=<kinds> --warm=<turns> --measured=<turns>');
  const counted = new Map<InstructionTurnKind, Counted>();
  // Two at a time, one a core: callgrind runs a process's threads one at a time.
  for (let at = 0; at < kinds.length; at += 2) {
    const pair = kinds.slice(at, at + 2);
    const results = await Promise.all(pair.map((kind) => count(kind, warm, measured)));
    pair.forEach((kind, i) => {
      counted.set(kind, results[i]);
      process.stderr.write(`[instructions] ${kind}: ${millions(results[i].perTurn)} a turn\n`);
    });
  }
  const withoutCompiler = (of: Counted) => of.perTurn - of.shares.compiler;
  const ratio = (kind: InstructionTurnKind, base: InstructionTurnKind, value: (of: Counted) => number) => {
    const of = counted.get(kind);
    const to = counted.get(base);
    return of && to && kind !== base ? ` ×${(value(of) / value(to)).toFixed(2)} ${base}` : '';
  };
  process.stdout.write(
    `Instructions a turn (callgrind, one turn at a time, turns ${warm + 1}–${warm + measured} after ${warm} warm):\n`,
  );
  for (const [kind, of] of counted) {
    const ratios = (value: (c: Counted) => number) => `${ratio(kind, 'peer', value)}${ratio(kind, 'echo', value)}`;
    const shares = SHARES.map((share) => `${share} ${millions(of.shares[share])}`).join(', ');
    process.stdout.write(
      `  ${kind}: ${millions(of.perTurn)}${ratios((c) => c.perTurn)}; without the compiler ${millions(withoutCompiler(of))}${ratios(withoutCompiler)}\n    ${shares}\n`,
    );
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
