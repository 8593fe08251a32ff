// The customers buttons' listeners (Slack's block actions), one file per listener kind as in bot/slack/partnerships.
import type { App, BlockButtonAction } from '@slack/bolt';
import { CUSTOMER_ACTION } from '../../../cards/slack/customers/ids';
import { rejectModal } from '../../../cards/slack/customers/requestBlocks';
import { resellerCustomersBlocks } from '../../../cards/slack/customers/resellerCustomersBlocks';
import { refusedText, tellClicker } from '../distributorWords';
import { slackTeamOf } from '../slackTeam';
import { notDecidedText, type SlackCustomers } from './context';
import { credentialsText } from './credentialsText';

/**
 * The buttons: Approve and Reject on a request (in the approvals channel or the App Home) and a
 * reseller's Customers in `/csp resellers`. Each acks first (Slack wants it within 3 s), then the
 * service decides and the listener only tells the rep who clicked.
 */
export function registerActions(app: App, s: SlackCustomers) {
  app.action<BlockButtonAction>(CUSTOMER_ACTION.approve, async ({ ack, body, action, client, respond }) => {
    await ack();
    try {
      const teamId = slackTeamOf(body);
      const t = await s.languages.translatorFor(client, teamId, body.user.id);
      const outcome = await s.decisions.approve(teamId, action.value ?? '', await s.people.actor(client, body.user));
      if (!outcome.ok) {
        await tellClicker(body, client, respond, notDecidedText(t, outcome));
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
        const provider = await s.partnerships.getProviderBySlackTeam(teamId);
        const channel = request.message?.channel ?? provider?.settings.channelId ?? body.channel?.id ?? '';
        await client.chat.postEphemeral({
          channel,
          user: body.user.id,
          text: credentialsText(t, request.customer.companyName, credentials),
        });
        if (!body.response_url)
          await tellClicker(
            body,
            client,
            respond,
            t('customers:slack.credentialsInChannel', { channel: `<#${channel}>` }),
          );
      }
      await s.afterDecision(client, request);
    } catch (error) {
      s.logger.error({ err: error }, 'approving a customer request failed');
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

  app.action<BlockButtonAction>(CUSTOMER_ACTION.resellerCustomers, async ({ ack, body, action, client, respond }) => {
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
      s.logger.warn({ err: error }, 'could not list a reseller’s customers');
      await tellClicker(body, client, respond, t('customers:slack.resellerCustomers.unavailable'));
    }
  });
}
