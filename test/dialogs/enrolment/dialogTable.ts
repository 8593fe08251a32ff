import type { Activity, ConversationState, Middleware, TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { expect } from 'chai';
import { isCardSubmission, keepPayload } from '../../../dialogs/cardSubmission';
import type { EnrolmentDialogDeps } from '../../../dialogs/enrolment/enrolmentDialogDeps';
import { enrolmentPayload } from '../../../dialogs/enrolment/enrolmentSubmission';
import { translatorFor } from '../../../i18n/i18n';
import { EnrolmentService } from '../../../services/enrolment/enrolmentService';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { defaultWebmailList } from '../../../services/rules/webmail';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { regionOf } from '../../services/partnerCenter/testRegions';

/**
 * The enrolment dialogs driven one at a time through botbuilder-testing's DialogTestClient, as
 * BotBuilder-Samples 13.core-bot tests its booking dialog: a table of turns, each what the person sends
 * (typed text or a card's submission) and what the dialog answers, each naming the rule it checks. The
 * service behind is the real one on an in-memory store and the Partner Center sandbox, so a row proves
 * the rule end to end through the dialog, without HTTP or the bot's routing.
 */

/** A complete, valid enrolment of the sandbox's free MPN profile (Tailspin Toys, PL), as the journeys use it. */
export { TAILSPIN_ANSWERS as TAILSPIN } from '../../support/drivers/enrolmentChat';

/** Typed text, or what a card's Action.Submit carries (its data and its inputs, all strings). */
export type Sent = string | Record<string, string>;

export interface Turn {
  /** The rule this turn checks (docs/rules.md), or what it proves where no rule applies. */
  rule: string;
  sends: Sent;
  /** Text the reply shows, each piece somewhere in what the bot sent on this turn. */
  shows: string[];
  /** Where the dialog stands after the turn; waiting unless said. */
  then?: `${DialogTurnStatus}`;
}

export interface DialogCase {
  name: string;
  /** What was saved before the dialog starts (an earlier step), through the service as the dialog would. */
  given?: (deps: EnrolmentDialogDeps) => Promise<unknown>;
  turns: Turn[];
}

/** The person in every case: who Teams says sends each turn, as the service records them. */
export const ANNA = { tenantId: '77777777-7777-4777-8777-777777777771', userId: 'aad-anna', name: 'Anna Nowak' };

/** The progress card's button for a step, or Submit. */
export const pick = (step: string): Sent => ({ verb: 'continue', step });
/** A step card's Save, with the inputs typed; `asked` as the card was made (empty: never answered before). */
export const save = (step: string, inputs: Record<string, string>, asked = ''): Sent => ({
  verb: 'continue',
  step,
  enrolmentAction: 'answer',
  asked,
  ...inputs,
});
/** A step card's "Back to the list". */
export const back: Sent = { verb: 'continue', enrolmentAction: 'back' };

/** What the bot does at its edge before a dialog runs: a card's submission parsed by its command's schema. */
const parsedSubmissions: Middleware = {
  onTurn: async (context: TurnContext, next: () => Promise<void>) => {
    if (isCardSubmission(context.activity)) keepPayload(context, enrolmentPayload.parse(context.activity.value));
    await next();
  },
};

/** The dialogs' dependencies on a fresh store: the real enrolment service and English. */
export function enrolmentDeps(): EnrolmentDialogDeps {
  const records = new MemoryAtomicStore();
  const partnerCenter = new SandboxGateway({ records, clock: { stepMs: 24 * 60 * 60 * 1000 }, regionOf });
  const service = new EnrolmentService({
    partners: new PartnerDirectory(records),
    partnerCenter,
    webmail: defaultWebmailList,
    records,
  });
  const t = translatorFor('en');
  return { service, translate: async () => t };
}

/** Everything a reply says, as one string: its text and every string inside its card. */
function textOf(activity: Partial<Activity>): string {
  const strings: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk([activity.text, activity.attachments?.map((a) => a.content)]);
  return strings.join('\n');
}

/** The Teams personal chat every case plays in: its id keys the conversation's stored state. */
export const ANNA_CHAT = { id: 'a:personal-anna', tenantId: ANNA.tenantId };

/**
 * Plays a case against a new instance of the dialog, as one person of one tenant in a Teams personal
 * chat (who they are comes from the activity, never from the card). `conversationState` given, the
 * conversation goes on from what is stored there.
 */
export async function play(
  dialog: Dialog,
  options: unknown,
  turns: Turn[],
  conversationState?: ConversationState,
): Promise<void> {
  const client = new DialogTestClient('msteams', dialog, options, [parsedSubmissions], conversationState);
  const person: Partial<Activity> = {
    from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Nowak' },
    conversation: ANNA_CHAT as Activity['conversation'],
  };
  for (const [index, turn] of turns.entries()) {
    const sent = typeof turn.sends === 'string' ? { text: turn.sends } : { value: turn.sends };
    const replies: Partial<Activity>[] = [];
    for (
      let reply = await client.sendActivity({ type: 'message', ...person, ...sent });
      reply;
      reply = client.getNextReply()
    )
      replies.push(reply);
    const said = replies.map(textOf).join('\n');
    const where = `turn ${index + 1} (${turn.rule}): ${JSON.stringify(turn.sends)}`;
    for (const text of turn.shows) expect(said, where).to.include(text);
    if (turn.shows.length === 0) expect(replies, where).to.deep.equal([]);
    expect(client.dialogTurnResult.status, where).to.equal(turn.then ?? 'waiting');
  }
}

/** The rules a case checks, for its title. */
export const rulesOf = (turns: Turn[]) => [...new Set(turns.map((t) => t.rule).filter((r) => /^[A-Z]\d/.test(r)))];
