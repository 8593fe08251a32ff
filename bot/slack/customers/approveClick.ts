// An acked Approve click carried out, and the rep who clicked told the outcome: from the queue right after
// the ack, or by the recovery pass for a click a stopped instance left (issue 18).
import type { WebClient } from '@slack/web-api';
import type { AcceptedApproval } from '../../../services/customers/acceptedApprovals';
import { markup } from '../../../i18n/slackMrkdwn';
import { notDecidedText, type SlackCustomers } from './context';
import { credentialsText } from './credentialsText';

/** How the rep who clicked is reached: under the message they clicked, or where the recovery pass finds them. */
export interface ClickerReply {
  /** Only to that rep: an ephemeral answer, or a direct message. */
  tell(text: string): Promise<void>;
  /** The channel the click came from, when it came from one (not the App Home). */
  channelId?: string;
  /** The click came with a response_url: the rep is looking at the channel, the credentials need no pointer. */
  underMessage: boolean;
}

export async function approveClick(
  s: SlackCustomers,
  client: WebClient,
  click: AcceptedApproval,
  reply: ClickerReply,
): Promise<void> {
  const t = await s.languages.translatorFor(client, click.teamId, click.userId);
  const actor = await s.people.actor(client, { id: click.userId, name: click.name });
  const outcome = await s.decisions.approve(click.teamId, click.requestId, actor);
  if (!outcome.ok) {
    await reply.tell(notDecidedText(t, outcome));
    // Partner Center failed after the approval: the message and the reseller say so too.
    if ('request' in outcome && outcome.request?.state === 'failed') await s.afterDecision(client, outcome.request);
    // R1 refused at Approve: the message shows the failed check to whoever reads the channel next.
    if (
      'request' in outcome &&
      outcome.request?.state === 'pending' &&
      outcome.request.partnerOfRecord?.valid === false
    )
      await s.redraw(client, outcome.request);
    return;
  }
  const { request, value: credentials } = outcome;
  if (credentials) {
    // C3: once, only to the approving rep, with the instruction; never to the channel, never stored.
    const provider = await s.partnerships.getProviderBySlackTeam(click.teamId);
    const channel = request.message?.channel ?? provider?.settings.channelId ?? reply.channelId ?? '';
    await client.chat.postEphemeral({
      channel,
      user: click.userId,
      text: credentialsText(t, request.customer.companyName, credentials),
    });
    if (!reply.underMessage)
      await reply.tell(t('customers:slack.credentialsInChannel', { channel: markup(`<#${channel}>`) }));
  }
  await s.afterDecision(client, request);
}
