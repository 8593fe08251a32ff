import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what its last full collection kept before it collects
 * again, in per cent. V8 picks a factor between 1.1 and 4 (4 only with a heap limit of 2 GB or more, as
 * Node's default gives on larger hosts: 4 GB on the bench's) from how fast it marks against how fast the program allocates; the collections during
 * start-up, while modules load, got 4, so the old generation could reach about 165 MB before the first full
 * collection under load, with 35–45 MB live: RSS 255–293 MB after 10,000 conversations (issue 18, ≤ 200).
 * Measured on 2026-12-04 (bench/README.md, session 31), the memory load's RSS at 50, 65, 80 and 100 %:
 * 177, 180, 188 and 198 MB. 75 keeps about 15 MB under the 200 MB target for the variation between runs.
 *
 * Not a cap: the heap limit stays V8's own, so whatever load fits without this fits with it. The price is
 * more full collections than V8's own choice. At 50 % that price was 14 % of the enrolment step's
 * throughput on SQLite (alternated rounds, session 31), the largest single cost left on the step; 75 %
 * collects about a third less often.
 */
export const HEAP_GROWING_PERCENT = 75;

const GIVEN = /^--heap[-_]growing[-_]percent(=|$)/;

/** The V8 flag to set at start, or none when the operator put their own on node's command line (theirs wins). */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((arg) => GIVEN.test(arg)) ? undefined : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/**
 * Called first thing by bot/main.ts (and by the bench's assistant, which starts as it does). V8 reads the
 * flag each time it sets the next collection's limit, so setting it once at start covers the process's life.
 * Node refuses it in NODE_OPTIONS, hence here and not in the Dockerfile's environment.
 */
export function applyHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  const flag = heapGrowthFlag(execArgv);
  if (flag) setFlagsFromString(flag);
}
