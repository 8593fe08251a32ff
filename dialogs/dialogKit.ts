/**
 * The parts of botbuilder-dialogs the product runs, each from its own file. The package's index also
 * loads its prompts and their recognizers (@microsoft/recognizers-text-*, cldr data, lodash), which
 * nothing here uses: about 38 MB resident and 0.2 s of every start (issue 18 item 3, measured with
 * `require` of each alone). Types are the package's own; bench/peerBot.ts, which uses a prompt, keeps
 * the index.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export {
  Dialog,
  type DialogEvent,
  type DialogInstance,
  DialogTurnStatus,
  type DialogTurnResult,
} from 'botbuilder-dialogs/lib/dialog';
export { DialogEvents } from 'botbuilder-dialogs/lib/dialogEvents';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
