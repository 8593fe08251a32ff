import type { FeatureDeps, FeatureFactory } from '../bot/feature';
import type { Notifier } from '../bot/proactive/notifier';
import type { ConversationReferenceStore } from '../bot/teams/conversationReferences';

/** The renderer the fan-out's notices name: the text carries the notice's key, so the stub can count each delivery. */
export const BENCH_NOTICE = 'bench.notice';

export interface BenchHandles {
  notifier?: Notifier;
  references?: ConversationReferenceStore;
  /** Everything the composition root hands a feature (the Slack approval bench seeds through it). */
  deps?: FeatureDeps;
}

/**
 * A feature that adds nothing users can see: it captures the notifier and the reference store the
 * composition root wires, and registers a trivial Teams renderer, so the fan-out drives the real path.
 */
export function benchFeature(handles: BenchHandles): FeatureFactory {
  return (deps: FeatureDeps) => {
    handles.notifier = deps.notifier;
    handles.references = deps.references;
    handles.deps = deps;
    return {
      name: 'bench',
      teamsNotices: {
        [BENCH_NOTICE]: (_t, params) => ({ type: 'message', text: `bench ${String(params.key)}` }),
      },
    };
  };
}
