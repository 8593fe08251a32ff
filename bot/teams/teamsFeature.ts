import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import type { Translate } from '../../i18n/i18n';

/** Who the platform says the user is: never taken from a card or button payload. */
export interface TeamsIdentity {
  tenantId: string;
  aadObjectId: string;
  name?: string;
}

export interface TeamsTurn {
  context: TurnContext;
  dialogs: DialogContext;
  t: Translate;
  identity: TeamsIdentity;
  /** What follows the command word (`enroll resume` → `resume`). */
  args: string;
}

export interface TeamsCommand {
  /** The word a user types (`help`), also accepted as the `verb` of a card's Action.Submit. */
  name: string;
  /** Catalog key of the one-line description shown on the help card. */
  descriptionKey: string;
  /** Extra words that run the same command, per language (`pomoc`, `hjälp`). */
  aliases?: string[];
  /** Hidden commands work but are not listed on the help card. */
  hidden?: boolean;
  run(turn: TeamsTurn): Promise<void>;
}

/** An `Action.Execute` verb (Adaptive Card universal actions), answered with a refreshed card. */
export interface TeamsCardAction {
  verb: string;
  run(turn: Omit<TeamsTurn, 'args'>, data: unknown): Promise<AdaptiveCardInvokeResponse>;
}

/** What a slice of the product (enrolment, partnerships, customers, ...) contributes to Teams. */
export interface TeamsFeature {
  commands?: TeamsCommand[];
  dialogs?: Dialog[];
  cardActions?: TeamsCardAction[];
}
