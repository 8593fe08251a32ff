import type { App, BlockAction, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  CUSTOMER_ACTION,
  CUSTOMER_CALLBACK,
  REASON_ACTION,
  REASON_BLOCK,
  rejectModal,
  resellerCustomersBlocks,
} from '../../../cards/slack/customers/blocks';
import type { Translate } from '../../../i18n/i18n';
import { tell as inReadersWords } from '../../../i18n/readers';
import {
  type CustomerRequest,
  type CustomerRequests,
  customerRefusalMessages,
  type ResellerCustomers,
} from '../../../services/customers';
import type { PartnershipService } from '../../../services/partnerships/partnershipService';
import type { Refusal } from '../../../services/partnerships/types';
import type { Logger } from '../../logger';
import type { SlackLanguages } from '../slackLanguage';
import type { SlackPeople } from '../slackPeople';
import { slackTeamOf } from '../slackTeam';
import { credentialsText } from './credentialsText';
import { whoOf } from './requestView';

export interface SlackCustomers {
  requests: CustomerRequests;
  resellerCustomers: ResellerCustomers;
  partnerships: PartnershipService;
  languages: SlackLanguages;
  /** Real names of the reps who decide, for the decided-by lines. */
  people: SlackPeople;
  logger: Logger;
  /** After a decision: the channel message shows it, the reseller hears it, the approvers' App Homes refresh. */
  afterDecision(client: WebClient, request: CustomerRequest): Promise<void>;
}

/** A refusal as the distributor reads it (the Slack side speaks to distributors). */
const refusalText = (t: Translate, refusal: Refusal) =>
  inReadersWords(t, 'distributor', customerRefusalMessages(refusal));

/** Why an Approve or Reject did not take: someone decided first (who and when), or a rule refused. */
function notDecidedText(t: Translate, outcome: { decided: CustomerRequest } | { refusal: Refusal }): string {
  if ('decided' in outcome) {
    return t('customers:slack.alreadyDecided', {
      who: whoOf(outcome.decided.decision?.by),
      when: outcome.decided.decision?.at ?? '',
      state: t(`customers:state.${outcome.decided.state}`),
    });
  }
  return refusalText(t, outcome.refusal);
}

/**
 * Approve / Reject on a request (from the approvals channel or the App Home), the reason modal, and
 * `/csp resellers` → a reseller's customers. Listeners ack first; the service decides.
 */
export function registerCustomerListeners(app: App, s: SlackCustomers) {
  /** Only to the person who clicked: an ephemeral answer on a message, a direct message from the App Home. */
  async function tell(body: BlockAction, client: WebClient, respond: (m: object) => Promise<unknown>, text: string) {
    if (body.response_url) {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
      return;
    }
    await client.chat.postMessage({ channel: body.user.id, text });
  }

  app.action<BlockButtonAction>(CUSTOMER_ACTION.approve, async ({ ack, body, action, client, respond }) => {
    await ack();
    try {
      const teamId = slackTeamOf(body);
      const t = await s.languages.translatorFor(client, teamId, body.user.id);
      const outcome = await s.requests.approve(teamId, action.value ?? '', await s.people.actor(client, body.user));
      if (!outcome.ok) {
        await tell(body, client, respond, notDecidedText(t, outcome));
        // Partner Center failed after the approval: the message and the reseller say so too.
        if ('request' in outcome && outcome.request?.state === 'failed') await s.afterDecision(client, outcome.request);
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
          await tell(body, client, respond, t('customers:slack.credentialsInChannel', { channel: `<#${channel}>` }));
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
      await tell(body, client, respond, t('partnerships:refusal.not-approver'));
      return;
    }
    const request = await s.requests.get(action.value ?? '');
    if (!request) return;
    if (request.state !== 'pending') {
      await tell(body, client, respond, notDecidedText(t, { decided: request }));
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: rejectModal(t, request.id, request.customer.companyName),
    });
  });

  app.view<ViewSubmitAction>(CUSTOMER_CALLBACK.reject, async ({ ack, body, view, client }) => {
    const teamId = slackTeamOf(body);
    const t = await s.languages.translatorFor(client, teamId, body.user.id);
    const reason = String(view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value ?? '').trim();
    const outcome = await s.requests.reject(
      teamId,
      view.private_metadata,
      await s.people.actor(client, body.user),
      reason,
    );
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: notDecidedText(t, outcome).slice(0, 300) } });
      return;
    }
    await ack();
    await s
      .afterDecision(client, outcome.request)
      .catch((error) => s.logger.error({ err: error }, 'could not tell about the rejection'));
  });

  app.action<BlockButtonAction>(CUSTOMER_ACTION.resellerCustomers, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = slackTeamOf(body);
    const t = await s.languages.translatorFor(client, teamId, body.user.id);
    const provider = await s.partnerships.getProviderBySlackTeam(teamId);
    const resellerId = action.value ?? '';
    const partnership = provider ? await s.partnerships.getPartnership(provider.partner.id, resellerId) : undefined;
    if (!provider || partnership?.state !== 'active') {
      await tell(body, client, respond, t('partnerships:refusal.no-active-partnership'));
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
      await tell(body, client, respond, t('customers:slack.resellerCustomers.unavailable'));
    }
  });
}
