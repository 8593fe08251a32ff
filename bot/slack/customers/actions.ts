// The customers buttons' listeners (Slack's block actions), one file per listener kind as in bot/slack/partnerships.
import type { App, BlockButtonAction } from '@slack/bolt';
import { CUSTOMER_ACTION } from '../../../cards/slack/customers/ids';
import { rejectModal } from '../../../cards/slack/customers/requestBlocks';
import { resellerCustomersBlocks } from '../../../cards/slack/customers/resellerCustomersBlocks';
import { refusedText, tellClicker } from '../distributorWords';
import { slackTeamOf } from '../slackTeam';
import type { AcceptedApproval } from '../../../services/customers/acceptedApprovals';
import type { HeldApproval } from './approvalQueue';
import { approveClick } from './approveClick';
import { notDecidedText, type SlackCustomers } from './context';
import { whoOf } from './requestView';
import { requestLogger } from '../../observability/requestContext';

/** The click's record may not eat Slack's three seconds: past this, the ack goes and the record follows. */
const RECORD_WITHIN_MS = 1000;

/**
 * The buttons: Approve and Reject on a request (in the approvals channel or the App Home) and a
 * reseller's Customers in `/csp resellers`. Each acks first (Slack wants it within 3 s), then the
 * service decides and the listener only tells the rep who clicked.
 */
export function registerActions(app: App, s: SlackCustomers) {
  app.action<BlockButtonAction>(CUSTOMER_ACTION.approve, async ({ ack, body, action, client, respond, context }) => {
    const click: HeldApproval = {
      requestId: action.value ?? '',
      teamId: slackTeamOf(body),
      userId: body.user.id,
      name: body.user.name ?? body.user.username,
      at: new Date(),
    };
    const held = s.approvals.hold(click);
    if (!held.taken) {
      // Issue 18: a second click while the first one's approval waits or runs here is answered at once.
      await ack();
      const t = await s.languages.translatorFor(client, click.teamId, click.userId);
      const by = await s.people.actor(client, { id: held.by.userId, name: held.by.name });
      const when = held.by.at.toISOString();
      await tellClicker(body, client, respond, t('customers:slack.beingApproved', { who: whoOf(by), when }));
      return;
    }
    try {
      await recordBeforeAck(s, click);
      await ack();
      s.atMomentOfDanger?.('approve:after-ack');
    } catch (error) {
      s.approvals.release(click.requestId);
      throw error;
    }
    try {
      const reply = {
        tell: (text: string) => tellClicker(body, client, respond, text),
        channelId: body.channel?.id,
        underMessage: Boolean(body.response_url),
      };
      await s.approvals.run(click, () => approveClick(s, client, click, reply));
      await s.accepted.done(click);
    } catch (error) {
      // The click stays recorded: the recovery pass tries it again once its lease has run out.
      requestLogger(s.logger, context?.requestFields).error({ err: error }, 'approving a customer request failed');
    }
  });

  app.action<BlockButtonAction>(CUSTOMER_ACTION.reject, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = slackTeamOf(body);
    const t = await s.languages.translatorFor(client, teamId, body.user.id);
    if (!(await s.partnerships.isApprover(teamId, body.user.id))) {
      await tellClicker(body, client, respond, refusedText(t, 'not-approver'));
      return;
    }
    const request = await s.requests.get(action.value ?? '');
    if (!request) return;
    if (request.state !== 'pending') {
      await tellClicker(body, client, respond, notDecidedText(t, { decided: request }));
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: rejectModal(t, request.id, request.customer.companyName),
    });
  });

  app.action<BlockButtonAction>(
    CUSTOMER_ACTION.resellerCustomers,
    async ({ ack, body, action, client, respond, context }) => {
      await ack();
      const teamId = slackTeamOf(body);
      const t = await s.languages.translatorFor(client, teamId, body.user.id);
      const provider = await s.partnerships.getProviderBySlackTeam(teamId);
      const resellerId = action.value ?? '';
      const partnership = provider ? await s.partnerships.getPartnership(provider.partner.id, resellerId) : undefined;
      if (!provider || partnership?.state !== 'active') {
        await tellClicker(body, client, respond, refusedText(t, 'no-active-partnership'));
        return;
      }
      try {
        const rows = await s.resellerCustomers.of(provider.partner.id, resellerId);
        const reseller = (await s.partnerships.listResellers(provider.partner.id)).find(
          (r) => r.partnership.resellerId === resellerId,
        )?.reseller;
        const name = reseller?.legalName ?? resellerId;
        const lines = rows.map(({ customer, subscriptions }) => ({
          name: customer.companyName,
          domain: customer.domain,
          subscriptions: subscriptions.map((sub) => ({
            name: sub.offerName ?? sub.offerId,
            quantity: sub.quantity,
            onRecord: Boolean(reseller?.mpnId && sub.partnerIdOnRecord === reseller.mpnId),
            supportContact: sub.supportContact?.supportTenantId === resellerId,
          })),
        }));
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: t('customers:slack.resellerCustomers.title', { reseller: name, count: lines.length }),
          blocks: resellerCustomersBlocks(t, name, lines),
        });
      } catch (error) {
        requestLogger(s.logger, context?.requestFields).warn({ err: error }, 'could not list a reseller’s customers');
        await tellClicker(body, client, respond, t('customers:slack.resellerCustomers.unavailable'));
      }
    },
  );
}

/**
 * The click is durable before Slack hears it was taken (AcceptedApprovals): a stop or crash before its
 * approval runs leaves it to the recovery pass. A store that fails or is slow does not hold the ack back:
 * the approval still runs, only without that safety net, as the delivery ledger does (deliveryLedger.ts).
 */
async function recordBeforeAck(s: SlackCustomers, click: AcceptedApproval): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), RECORD_WITHIN_MS);
  });
  try {
    const recorded = await Promise.race([s.accepted.record(click), late]);
    if (recorded === 'late') s.logger.warn({ request: click.requestId }, 'approval click not recorded in time: acked');
  } catch (error) {
    s.logger.warn({ err: error, request: click.requestId }, 'approval click not recorded: acked all the same');
  } finally {
    clearTimeout(timer);
  }
}
