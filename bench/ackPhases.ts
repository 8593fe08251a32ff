// Where the Slack ack's time went during a load: the assistant's csp_slack_ack_phase_seconds, read from its
// /metrics before and after, so only the load's requests count (issue 18).
import { metricsText } from './benchFeature';

const PHASES = ['read', 'verify', 'ledger', 'bolt', 'total'] as const;
type Phase = (typeof PHASES)[number];

/** One phase's histogram as /metrics gives it: cumulative counts by upper bound (seconds), sum, count. */
interface PhaseHistogram {
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}
export type AckPhaseSnapshot = Partial<Record<Phase, PhaseHistogram>>;

/** A phase over the load: mean, and p50 / p99 as the upper bound of the bucket they fall in (ms). */
export interface AckPhaseFigure {
  phase: Phase;
  requests: number;
  meanMs: number;
  p50AtMostMs: number;
  p99AtMostMs: number;
}

export async function readAckPhases(port: number): Promise<AckPhaseSnapshot> {
  const text = await metricsText(port);
  const snapshot: AckPhaseSnapshot = {};
  const of = (phase: Phase) => (snapshot[phase] ??= { buckets: [], sum: 0, count: 0 });
  for (const m of text.matchAll(/^csp_slack_ack_phase_seconds_bucket\{le="([^"]+)",phase="(\w+)"\} (\d+)/gm)) {
    of(m[2] as Phase).buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[3]) });
  }
  for (const m of text.matchAll(/^csp_slack_ack_phase_seconds_(sum|count)\{phase="(\w+)"\} ([\d.e+-]+)/gm)) {
    of(m[2] as Phase)[m[1] as 'sum' | 'count'] = Number(m[3]);
  }
  return snapshot;
}

/** The load's share: `after` less `before`, phase by phase. */
export function ackPhasesBetween(before: AckPhaseSnapshot, after: AckPhaseSnapshot): AckPhaseFigure[] {
  return PHASES.flatMap((phase) => {
    const a = after[phase];
    if (!a) return [];
    const b = before[phase];
    const count = a.count - (b?.count ?? 0);
    if (count <= 0) return [];
    const buckets = a.buckets.map((bucket, i) => ({
      le: bucket.le,
      count: bucket.count - (b?.buckets[i]?.count ?? 0),
    }));
    const quantile = (q: number) => (buckets.find((bucket) => bucket.count >= q * count)?.le ?? Infinity) * 1000;
    return [
      {
        phase,
        requests: count,
        meanMs: ((a.sum - (b?.sum ?? 0)) / count) * 1000,
        p50AtMostMs: quantile(0.5),
        p99AtMostMs: quantile(0.99),
      },
    ];
  });
}
