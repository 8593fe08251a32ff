import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what its last full collection kept before it collects
 * again, in per cent. V8 picks a factor between 1.1 and 4 from how fast the program allocates against how
 * fast it marks, and with a heap limit of 2 GB or more (any host with 16 GB of memory) a server under load
 * is always given 4: after 10,000 conversations 35–45 MB were live in 110–170 MB of old space, most of the
 * RSS (issue 18). At 1.5 the same load keeps about 65 MB of old space.
 *
 * Not a cap: the heap limit stays V8's own, so whatever load fits without this fits with it; the price is
 * more full collections, measured in bench/README.md (the "rss" section: CPU a turn with and without).
 */
export const HEAP_GROWING_PERCENT = 50;

const GIVEN = /^--heap[-_]growing[-_]percent(=|$)/;

/** The V8 flag to set at start, or none when the operator put their own on node's command line (theirs wins). */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((arg) => GIVEN.test(arg)) ? undefined : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/**
 * Called first thing by bot/index.ts (and by the bench's assistant, which starts as it does). V8 reads the
 * flag each time it sets the next collection's limit, so setting it once at start covers the process's life.
 * Node refuses it in NODE_OPTIONS, hence here and not in the Dockerfile's environment.
 */
export function applyHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  const flag = heapGrowthFlag(execArgv);
  if (flag) setFlagsFromString(flag);
}
