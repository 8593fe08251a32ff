/**
 * The Slack side speaks to distributors: how every Slack listener tells a rep "you may not", "not set
 * up", or why a service refused, in the distributor's words (i18n/readers.ts picks the distributor's
 * variant of a key when there is one), and only to that rep. One vocabulary for the partnerships and
 * the customers listeners, as dialogs/resellerWords.ts is for Teams, so no listener words a refusal its
 * own way. Who acts (SlackPeople.actor) and in which workspace (slackTeamOf) are the other two words.
 */
import type { BlockAction, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translate } from '../../i18n/i18n';
import { type CatalogMessage, tell } from '../../i18n/readers';
import { customerRefusalMessages } from '../../services/customers/messages';
import { refusalMessages } from '../../services/partnerships/messages';
import type { Refusal } from '../../services/partnerships/types';

/** Messages in the distributor's words; partnership refusals one a line, customer refusals one a paragraph. */
export const toDistributor = (t: Translate, messages: readonly CatalogMessage[], separator = '\n') =>
  tell(t, 'distributor', messages, separator);

/** What a listener checks before any service runs: who may act, and whether the workspace is set up. */
export type SlackRefusalCode = 'not-approver' | 'not-admin' | 'not-set-up' | 'no-active-partnership';

/** "You may not" (not an approver, not an admin), "not set up", "no such partnership". */
export const refusedText = (t: Translate, code: SlackRefusalCode) => t(`partnerships:refusal.${code}`);

/** A partnership service's refusal (P-rules, set-up, invitations), one message a line. */
export const partnershipRefusalText = (t: Translate, refusal: Refusal) => toDistributor(t, refusalMessages(refusal));

/** A customer service's refusal (C-rules, requests, Partner Center), one message a paragraph. */
export const customerRefusalText = (t: Translate, refusal: Refusal) =>
  toDistributor(t, customerRefusalMessages(refusal), '\n\n');

/** An answer only the rep who acted sees, leaving the message they acted on as it was. */
export const ephemeral = (text: string) =>
  ({ response_type: 'ephemeral', replace_original: false, text }) satisfies RespondArguments;

/**
 * Only to the rep who clicked: an ephemeral answer under a message (it has a response_url), a direct
 * message when the click came from the App Home (it has none).
 */
export async function tellClicker(
  body: BlockAction,
  client: WebClient,
  respond: (message: RespondArguments) => Promise<unknown>,
  text: string,
): Promise<void> {
  if (body.response_url) {
    await respond(ephemeral(text));
    return;
  }
  await client.chat.postMessage({ channel: body.user.id, text });
}
