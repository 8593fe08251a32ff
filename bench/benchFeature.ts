import type { FeatureDeps, FeatureFactory } from '../bot/features/feature';
import type { Notifier } from '../bot/proactive/notifier';

/** The renderer the fan-out's notices name: the text carries the notice's key, so the stub can count each delivery. */
export const BENCH_NOTICE = 'bench.notice';

/** The bearer token of the targets' /metrics (bench only): the fan-out reads each instance's notice counters. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0000';

/** A target's /metrics as text (empty when it cannot be read: the figures from it are then left out). */
export async function metricsText(port: number): Promise<string> {
  return fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })
    .then((r) => r.text())
    .catch(() => '');
}

export interface BenchHandles {
  notifier?: Notifier;
}

/**
 * A feature that adds nothing users can see: it captures the notifier the composition root wires and
 * registers a trivial Teams renderer, so the fan-out drives the real path.
 */
export function benchFeature(handles: BenchHandles): FeatureFactory {
  return (deps: FeatureDeps) => {
    handles.notifier = deps.notifier;
    return {
      name: 'bench',
      teamsNotices: {
        [BENCH_NOTICE]: (_t, params) => ({ type: 'message', text: `bench ${String(params.key)}` }),
      },
    };
  };
}
