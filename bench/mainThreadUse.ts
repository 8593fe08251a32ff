import { type EventLoopUtilization, performance } from 'node:perf_hooks';

/** How much of a load's time a process's main thread spent running code (not waiting for I/O). */
export interface MainThreadUse {
  /** Share of the wall time the event loop was busy: near 1, the process is bound by its main thread. */
  busy: number;
  /** The busy time itself, in ms. */
  activeMs: number;
}

/**
 * Measured around a load by the benched process itself (bench/target.ts), so the bench can say whether a
 * figure is bound by the main thread's CPU or by waiting (issue 18: "where the remaining time goes").
 * Node's event-loop utilisation counts the time between the loop's waits for I/O, on the main thread only.
 */
export function mainThreadUse() {
  let from: EventLoopUtilization | undefined;
  return {
    start(): void {
      from = performance.eventLoopUtilization();
    },
    read(): MainThreadUse | undefined {
      if (!from) return undefined;
      const spent = performance.eventLoopUtilization(from);
      from = undefined;
      return { busy: spent.utilization, activeMs: spent.active };
    },
  };
}
