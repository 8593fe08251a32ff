import type { DialogInstance, DialogState } from '../dialogKit';

/**
 * Until issue 18 merged them, a step of the checklist ran as a component dialog of its own inside the
 * checklist's component: `enrolmentStepDialog`, whose one inner instance was the step's waterfall. A
 * conversation stored then, in the middle of a step, carries that level in its dialog stack; the
 * checklist's dialogs no longer know its id, and botbuilder would refuse to continue it ("A dialog with an
 * id of 'enrolmentStepDialog' wasn't found") and the reseller would lose their place.
 */
export const LEGACY_STEP_COMPONENT = 'enrolmentStepDialog';

/** Where a component dialog keeps its inner stack in its instance's state (botbuilder-dialogs, not exported). */
const INNER_STACK = 'dialogs';

/**
 * Lifts the step's waterfall out of the old component level, in place, in the checklist's own stored
 * instance: the waterfall kept the same id and the same state (options, values, step index), so it runs on
 * from where it was. Says whether anything was lifted.
 */
export function liftLegacyStep(checklist: DialogInstance | undefined): boolean {
  const stack = innerStackOf(checklist);
  const at = stack?.findIndex((instance) => instance.id === LEGACY_STEP_COMPONENT) ?? -1;
  if (!stack || at < 0) return false;
  stack.splice(at, 1, ...(innerStackOf(stack[at]) ?? []));
  return true;
}

function innerStackOf(instance: DialogInstance | undefined): DialogInstance[] | undefined {
  const state = (instance?.state as Record<string, unknown> | undefined)?.[INNER_STACK] as DialogState | undefined;
  return Array.isArray(state?.dialogStack) ? state.dialogStack : undefined;
}
