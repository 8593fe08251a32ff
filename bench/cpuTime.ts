import { readFileSync } from 'node:fs';

/**
 * CPU time taken by processes and by the machine over a window, from /proc (Linux): on a machine shared
 * by other work, what tells whether a figure was bound by this process's own CPU or by cores it could
 * not get. Elsewhere every figure reads as undefined.
 */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface MachineCpu {
  busy: number;
  total: number;
}

/** The machine's CPU counters so far, every core summed (ticks). */
export function machineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    const idle = ticks[3] + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Share of the machine's CPU (all cores) that was busy between two readings, 0–1. */
export function machineBusyShare(from?: MachineCpu, to?: MachineCpu): number | undefined {
  if (!from || !to || to.total === from.total) return undefined;
  return (to.busy - from.busy) / (to.total - from.total);
}
