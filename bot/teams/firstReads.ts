import type { Activity, ConversationState, TurnContext } from 'botbuilder';
import { isCardSubmission } from '../../dialogs/cardSubmission';
import { identityOf } from '../../dialogs/teamsTurn';
import { partnerRecordKey } from '../../services/partners/partnerDirectory';
import type { KeyvBotStorage } from '../keyvBotStorage';
import { pressRecordKeyOf } from './repeatedSubmissions';

/**
 * The records a Teams turn will read first, known from its activity before it runs, for the edge to read
 * them in one trip beside the delivery's claim (issue 18: one store read a state turn, not one per record).
 *
 * - A message's turn always reads its conversation's state (the dialogs); other activities may not. No
 *   channel id: no key (botbuilder throws), and the turn will say what is wrong itself.
 * - A card press continues one of the organisation's flows (its enrolment checklist, a customer request,
 *   GDAP), each of which reads the organisation's record (its PartnerDraft, keyed by the Teams tenant). A
 *   typed word may be `help` or a language, which read nothing more: read when asked, as before.
 * - A press whose turn commits once (turnCommit.ts) is judged on the person's press record, read here
 *   instead of claimed.
 */
export function firstReads(conversationState: ConversationState, botStorage: KeyvBotStorage) {
  return (activity: Activity, commitsOnce = false): string[] => {
    if (activity.type !== 'message' || !activity.channelId) return [];
    const stateKey = conversationState.getStorageKey({ activity } as TurnContext);
    if (!stateKey) return [];
    const keys = [botStorage.recordKey(stateKey)];
    if (isCardSubmission(activity)) keys.push(partnerRecordKey(identityOf({ activity } as TurnContext).tenantId));
    const press = commitsOnce ? pressRecordKeyOf(activity) : undefined;
    if (press) keys.push(press);
    return keys;
  };
}
