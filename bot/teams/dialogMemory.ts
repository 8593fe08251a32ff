/**
 * What botbuilder-dialogs rebuilds on every dialog context, built once per process instead (issue 18
 * item 2). A `DialogContext` is made for each level of the dialog stack and again each time a dialog
 * event walks down it: 15–20 of them in one turn of the enrolment checklist. Each one's
 * `DialogStateManager` constructs a new `DialogsComponentRegistration` (a service collection with every
 * memory scope's factory) only to register it under its class name, where the first one already is; the
 * first one of a turn also builds the memory scopes and path resolvers again. Measured with V8's sampling
 * heap profiler (bench/turnCost.ts): about 0.5 MB of a turn's 3.5 MB, all garbage at once.
 *
 * The memory configuration is shared the way botbuilder's own `DialogManager` shares it between turns
 * (its `stateConfiguration`): handed to each turn under the turn-state key the state manager reads. The
 * registration is the one library internal this file reaches into: its export is replaced by a function
 * that hands back the first instance, so registering it again is the no-op it was meant to be.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/** The turn-state key `DialogStateManager` takes its configuration from (botbuilder-dialogs, not exported). */
const CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

let shared: DialogStateManagerConfiguration | undefined;
let registrationShared = false;

/** One `DialogsComponentRegistration` for the process: later `new`s return it. Idempotent. */
export function shareDialogsRegistration(): void {
  if (registrationShared) return;
  registrationShared = true;
  type Module = { DialogsComponentRegistration: new () => object };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('botbuilder-dialogs/lib/dialogsComponentRegistration') as Module;
  const Original = module.DialogsComponentRegistration;
  let instance: object | undefined;
  // A constructor that returns an object makes `new` give that object: same class, same name, built once.
  module.DialogsComponentRegistration = function DialogsComponentRegistration() {
    instance ??= new Original();
    return instance;
  } as unknown as Module['DialogsComponentRegistration'];
}

/**
 * Hands the turn the process's memory configuration, once one turn has built it: `remember` after the
 * turn's first dialog context exists keeps what it built. Memory scopes and path resolvers hold no
 * per-turn data (they read the turn's state through the dialog context), which is why `DialogManager`
 * can share them too.
 */
export function useSharedDialogMemory(context: TurnContext): void {
  if (shared) context.turnState.set(CONFIGURATION_KEY, shared);
}

/** Keeps the configuration a turn's first dialog context built, for every later turn. */
export function rememberDialogMemory(context: TurnContext): void {
  shared ??= context.turnState.get(CONFIGURATION_KEY) as DialogStateManagerConfiguration | undefined;
}
