import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { Activity } from 'botbuilder';
import {
  CUSTOMER_ACTION,
  CUSTOMER_CALLBACK,
  REASON_ACTION,
  REASON_BLOCK,
  rejectModal,
  requestBlocks,
} from '../cards/slack/customers/blocks';
import { cardAttachment } from '../cards/renderCard';
import type { Translate } from '../i18n/i18n';
import { type CustomerRequest, CustomerRequests, customerRefusalMessages } from '../services/customers';
import type { Actor } from '../services/domain/identifiers';
import type { MessageRef } from '../services/partnerships/messages';
import type { Refusal } from '../services/partnerships/types';
import { partnershipServiceFor } from './partnershipServiceFor';
import type { Feature, FeatureDeps } from './feature';
import { SlackLanguages } from './slack/slackLanguage';
import { type CustomerForm, customerFormPayload } from './teams/customerPayload';
import { cardCommand, type TeamsCommand } from './teams/teamsFeature';

const say = (t: Translate, messages: MessageRef[]) => messages.map((m) => t(m.key, m.params)).join('\n\n');
const refusalText = (t: Translate, refusal: Refusal) => say(t, customerRefusalMessages(refusal));

/** Why an Approve or Reject did not take: someone decided first (who and when), or a rule refused. */
function notDecidedText(t: Translate, outcome: { decided: CustomerRequest } | { refusal: Refusal }): string {
  if ('decided' in outcome) {
    return t('customers:slack.alreadyDecided', {
      who: who(outcome.decided.decision?.by),
      when: when(outcome.decided.decision?.at),
      state: t(`customers:state.${outcome.decided.state}`),
    });
  }
  return refusalText(t, outcome.refusal);
}
const when = (iso: string | undefined) => iso ?? '-';
const who = (actor: Actor | undefined) => actor?.name ?? actor?.userId ?? '-';

/**
 * Customer onboarding (C1, C3, C4, P9): the reseller fills the customer card in Teams and either
 * invites an existing customer or asks its distributor; the distributor approves or rejects in Slack.
 */
export async function customersFeature(deps: FeatureDeps): Promise<Feature> {
  const log = deps.logger.child({ component: 'customers' });
  // The same service the partnerships feature builds, over the same records (the signer is unused here).
  const partnerships = await partnershipServiceFor(deps);
  const service = new CustomerRequests({
    records: deps.store.records,
    partners: deps.partners,
    partnerships,
    partnerCenter: deps.partnerCenter,
    regions: deps.regions,
  });
  const languages = new SlackLanguages(deps.store.records, log);

  const requestView = async (t: Translate, request: CustomerRequest) => ({
    id: request.id,
    reseller: (await deps.partners.get(request.resellerId))?.legalName ?? request.resellerId,
    requestedBy: request.requestedBy.name ?? request.requestedBy.userId,
    companyName: request.customer.companyName,
    domain: request.customer.domain,
    country: request.customer.country,
    adminEmail: request.customer.adminEmail,
    subscriptions: request.subscriptions.map((s) => ({ name: s.offerName ?? s.offerId, licences: s.licences })),
    checks: [t('customers:slack.request.checks')],
    decided:
      request.state === 'approved'
        ? t('customers:slack.request.approvedBy', { who: who(request.decision?.by), when: when(request.decision?.at) })
        : request.state === 'rejected'
          ? t('customers:slack.request.rejectedBy', {
              who: who(request.decision?.by),
              when: when(request.decision?.at),
              reason: request.decision?.reason ?? '-',
            })
          : undefined,
  });

  /** Posts the new request to the provider's approvals channel and remembers where, for the update. */
  async function postToApprovals(request: CustomerRequest) {
    const provider = await partnerships.getProviderById(request.providerId);
    if (!provider || !deps.slackClient) return;
    const t = await languages.channelTranslator(provider.settings.channelId);
    const posted = await deps.slackClient.chat.postMessage({
      channel: provider.settings.channelId,
      text: t('customers:slack.request.title'),
      blocks: requestBlocks(t, await requestView(t, request)),
    });
    if (posted.ts && posted.channel)
      await service.attachMessage(request.id, { channel: posted.channel, ts: posted.ts });
  }

  /** The reseller who asked hears the outcome where they last talked to the assistant. */
  async function tellReseller(request: CustomerRequest) {
    const provider = await partnerships.getProviderById(request.providerId);
    await deps.notifier.teamsUser(
      request.requestedBy.tenantId,
      request.requestedBy.userId,
      {
        renderer: request.state === 'approved' ? 'customers.approved' : 'customers.rejected',
        params: {
          company: request.customer.companyName,
          provider: provider?.partner.legalName ?? request.providerId,
          domain: request.result?.customerDomain ?? request.customer.domain,
          reason: request.decision?.reason ?? '-',
        },
      },
      `customers:decided:${request.id}`,
    );
  }

  const commands: TeamsCommand[] = [
    {
      name: 'customers',
      descriptionKey: 'customers:teams.commands.customers',
      wordKey: 'customers:teams.words.customers',
      run: async ({ context, t, identity }) => {
        const rows = (await partnerships.listProviders(identity.tenantId)).filter((r) => r.provider);
        if (rows.length === 0) {
          await context.sendActivity(t('customers:teams.noProvider'));
          return;
        }
        const first = rows[0];
        const country = first.provider?.country ?? '';
        const offers = await service.offers(first.partnership.providerId, country).catch((error) => {
          log.warn({ err: error }, 'could not read the offer catalogue');
          return [];
        });
        const label = (key: string) => t(`customers:teams.card.${key}`);
        await context.sendActivity({
          attachments: [
            cardAttachment('customerRequest', {
              title: label('title'),
              intro: label('intro'),
              country,
              providerId: first.partnership.providerId,
              providers: rows.map((r) => ({ id: r.partnership.providerId, name: r.provider?.legalName ?? '-' })),
              offers: offers.map((o) => ({ id: o.id, name: o.name, max: o.maximumQuantity })),
              labels: Object.fromEntries(
                [
                  'companyName',
                  'domain',
                  'domainHint',
                  'country',
                  'adminEmail',
                  'provider',
                  'required',
                  'newCustomer',
                  'line1',
                  'city',
                  'postalCode',
                  'offers',
                  'submit',
                  'invite',
                ].map((k) => [k, label(k)]),
              ),
            }),
          ],
        });
      },
    },
    cardCommand<CustomerForm>({
      name: 'customers-invite',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: customerFormPayload,
      run: async ({ context, t, identity, payload }) => {
        const value = payload as CustomerForm;
        const customer = await service.validateCustomer(identity.tenantId, customerOf(value));
        if (!customer.ok) {
          await context.sendActivity(refusalText(t, customer.refusal));
          return;
        }
        const link = await service.invitationLink(identity.tenantId, value.providerId);
        if (!link.ok) {
          await context.sendActivity(refusalText(t, link.refusal));
          return;
        }
        const params = {
          company: customer.value.companyName,
          provider: link.value.provider.partner.legalName ?? '-',
          url: link.value.url,
          email: customer.value.adminEmail,
        };
        await context.sendActivity(
          [t('customers:teams.invite.intro', params), t('customers:teams.invite.draft', params)].join('\n\n'),
        );
      },
    }),
    cardCommand<CustomerForm>({
      name: 'customers-submit',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: customerFormPayload,
      run: async ({ context, t, identity, payload }) => {
        const value = payload as CustomerForm;
        const providerId = value.providerId;
        const customer = customerOf(value);
        const offers = await service.offers(providerId, customer.country.toUpperCase()).catch(() => []);
        const subscriptions = offers
          .map((o) => ({ offerId: o.id, offerName: o.name, licences: value.quantities[o.id] ?? 0 }))
          .filter((s) => s.licences !== 0);
        const outcome = await service.submit(
          { platform: 'teams', tenantId: identity.tenantId, userId: identity.aadObjectId, name: identity.name },
          {
            providerId,
            customer,
            address: { line1: value.line1, city: value.city, postalCode: value.postalCode || undefined },
            subscriptions,
          },
        );
        if (!outcome.ok) {
          await context.sendActivity(refusalText(t, outcome.refusal));
          return;
        }
        await postToApprovals(outcome.value).catch((error) =>
          log.warn({ err: error }, 'could not post the request to the approvals channel'),
        );
        await context.sendActivity(
          t('customers:teams.submitted', {
            company: outcome.value.customer.companyName,
            count: outcome.value.subscriptions.length,
          }),
        );
      },
    }),
  ];

  const register = (app: App) => {
    app.action<BlockButtonAction>(CUSTOMER_ACTION.approve, async ({ ack, body, action, client, respond }) => {
      await ack();
      try {
        const teamId = body.team?.id ?? body.user.team_id ?? '';
        const t = await languages.translatorFor(client, teamId, body.user.id);
        const actor: Actor = { platform: 'slack', userId: body.user.id, name: body.user.name };
        const outcome = await service.approve(teamId, action.value ?? '', actor);
        if (!outcome.ok) {
          const text = notDecidedText(t, outcome);
          await respond({ response_type: 'ephemeral', replace_original: false, text });
          return;
        }
        const { request } = outcome;
        // Only to the approving rep, ephemerally, with the C3 instruction; never to the channel.
        await client.chat.postEphemeral({
          channel: request.message?.channel ?? body.channel?.id ?? '',
          user: body.user.id,
          text: t('customers:slack.credentials', {
            company: request.customer.companyName,
            user: outcome.value.adminUserName,
            password: outcome.value.temporaryPassword,
          }),
        });
        await afterDecision(client, request);
      } catch (error) {
        log.error({ err: error }, 'approving a customer request failed');
      }
    });

    app.action<BlockButtonAction>(CUSTOMER_ACTION.reject, async ({ ack, body, action, client, respond }) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const t = await languages.translatorFor(client, teamId, body.user.id);
      if (!(await partnerships.isApprover(teamId, body.user.id))) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: t('partnerships:refusal.not-approver'),
        });
        return;
      }
      const request = await service.get(action.value ?? '');
      if (!request) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: rejectModal(t, request.id, request.customer.companyName),
      });
    });

    app.view<ViewSubmitAction>(CUSTOMER_CALLBACK.reject, async ({ ack, body, view, client }) => {
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const t = await languages.translatorFor(client, teamId, body.user.id);
      const reason = String(view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value ?? '').trim();
      const actor: Actor = { platform: 'slack', userId: body.user.id, name: body.user.name };
      const outcome = await service.reject(teamId, view.private_metadata, actor, reason);
      if (!outcome.ok) {
        const text = notDecidedText(t, outcome);
        await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: text.slice(0, 300) } });
        return;
      }
      await ack();
      await afterDecision(client, outcome.request).catch((error) =>
        log.error({ err: error }, 'could not tell about the rejection'),
      );
    });
  };

  /** The channel message shows who decided and when; the reseller hears the outcome. */
  async function afterDecision(client: App['client'], request: CustomerRequest) {
    if (request.message) {
      const t = await languages.channelTranslator(request.message.channel);
      await client.chat.update({
        channel: request.message.channel,
        ts: request.message.ts,
        text: t('customers:slack.request.title'),
        blocks: requestBlocks(t, await requestView(t, request)),
      });
    }
    await tellReseller(request);
  }

  return {
    name: 'customers',
    teams: { commands },
    slack: { subcommands: [], register },
    teamsNotices: {
      'customers.approved': (t, params): Partial<Activity> => ({ text: t('customers:teams.approved', params) }),
      'customers.rejected': (t, params): Partial<Activity> => ({ text: t('customers:teams.rejected', params) }),
    },
  };
}

function customerOf(value: CustomerForm) {
  return {
    companyName: value.companyName,
    domain: value.domain,
    country: value.country,
    adminEmail: value.adminEmail,
  };
}
