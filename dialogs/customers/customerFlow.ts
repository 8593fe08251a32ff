/**
 * A card flow, not a ComponentDialog: the reseller's customer request in Teams (C1, C3, C5, C6) is
 * customer details → subscriptions → review → Submit or Cancel, each a card, its progress a draft in
 * the store named by the card's draftId, never carried by the card. The draft survives restarts, any
 * instance takes the next press, and an older card pressed again meets what is true now.
 */
import type { Attachment, TurnContext } from 'botbuilder';
import {
  customerChoicesCard,
  customerRequestCard,
  customerReviewCard,
  existingCustomersCard,
  type TypedCustomerForm,
} from '../../cards/teams/customerCards';
import type { Translate } from '../../i18n/i18n';
import { redrawPressedCard } from '../pressedCard';
import { toReseller } from '../resellerWords';
import {
  type CustomerRequest,
  type CustomerServices,
  customerRefusalMessages,
  type ResellerCustomers,
} from '../../services/customers';
import { choiceOf } from '../../services/customers/draftChoice';
import type { PartnerDirectory } from '../../services/partners/partnerDirectory';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import { decisionMessages } from '../../services/partnerships/messages';
import type { Refusal } from '../../services/partnerships/types';
import type { Logger } from 'pino';
import { turnLogger } from '../turnLog';
import {
  CUSTOMER_CARD_PAYLOADS,
  type CustomerCardPayload,
  type CustomerCardVerb,
  reviewChoice,
} from './customerCardPayloads';
import { requesterOf, type TeamsCommand, type TeamsTurn } from '../teamsTurn';
import { markup } from '../../i18n/teamsMarkdown';

/** The reseller's side of the customer services: who may ask, what to choose from, the drafts. */
export interface TeamsCustomers extends Pick<CustomerServices, 'eligibility' | 'lookups' | 'drafts'> {
  resellerCustomers: ResellerCustomers;
  partnerships: PartnershipService;
  partners: PartnerDirectory;
  logger: Logger;
  /** Hands a recorded request to the distributor's approvals channel (durably; the same request once). */
  sendForApproval(request: CustomerRequest): Promise<void>;
}

/** A draft just started (new or existing customer), or why it could not start. */
type StartedDraft = Awaited<ReturnType<CustomerServices['drafts']['startNew']>>;

/** A refusal as the reseller reads it (the Teams side speaks to resellers). */
const refusalText = (t: Translate, refusal: Refusal) => toReseller(t, customerRefusalMessages(refusal));

/** The commands and card verbs of that flow, for a new customer or an existing one, or the C1 invitation link. */
export function teamsCustomers(c: TeamsCustomers): TeamsCommand[] {
  /** The card's payload for `verb`, as the edge checked it against the verb's schema before the command ran. */
  function payload<V extends CustomerCardVerb>(turn: TeamsTurn, _verb: V): CustomerCardPayload<V> | undefined {
    return turn.payload as CustomerCardPayload<V> | undefined;
  }

  async function providerName(providerId: string) {
    return (await c.partnerships.getProviderById(providerId))?.partner.legalName ?? providerId;
  }

  /** Step 2 after a draft was started (new or existing customer): its choices card, or why it could not start. */
  /**
   * A refused customer form: the form again as the person typed it (redrawn in place), then why, so the
   * one field to change is changed and nothing is typed twice.
   */
  async function refusedForm(turn: TeamsTurn, typed: TypedCustomerForm, refusal: Refusal) {
    const { context, t, identity } = turn;
    const gate = await c.eligibility.mayAskForCustomers(identity.tenantId);
    if (gate.providers.length > 0)
      await replaceCard(context, customerRequestCard(t, gate.providers, gate.reseller?.country, typed));
    await context.sendActivity(refusalText(t, refusal));
  }

  /** `typed`: the new-customer form's values, shown again on a refusal (an existing customer has none). */
  async function startedOrRefused(turn: TeamsTurn, started: StartedDraft, typed?: TypedCustomerForm) {
    const { context, t } = turn;
    if (!started.ok) {
      if (typed) await refusedForm(turn, typed, started.refusal);
      else await context.sendActivity(refusalText(t, started.refusal));
      return;
    }
    const options = await c.drafts.options(started.value);
    const provider = await providerName(started.value.providerId);
    await context.sendActivity({ attachments: [customerChoicesCard(t, started.value, options, provider)] });
  }

  /** Redraws the pressed customer card (Submit / Cancel gone); says whether it could. */
  const replaceCard = (context: TurnContext, attachment: Attachment) =>
    redrawPressedCard(context, [attachment], (error) =>
      turnLogger(c.logger, context).debug({ err: error }, 'could not update the customer card'),
    );

  /** P9: the MPN ID the review promises to put on record. */
  const reseller = async (tenantId: string) => (await c.partners.get(tenantId))?.mpnId;

  return [
    {
      name: 'customers',
      descriptionKey: 'customers:teams.commands.customers',
      wordKey: 'customers:teams.words.customers',
      run: async ({ context, t, identity }) => {
        // P1, M2, M3, P5 before any form: a reseller that cannot transact is told so, and what to do.
        const gate = await c.eligibility.mayAskForCustomers(identity.tenantId);
        if (!gate.decision.allowed) {
          const reasons = toReseller(t, decisionMessages(gate.decision));
          await context.sendActivity(`${t('customers:teams.cannotAskYet')}\n\n${reasons}`);
          return;
        }
        await context.sendActivity({ attachments: [customerRequestCard(t, gate.providers, gate.reseller?.country)] });
      },
    },
    {
      name: 'customers-invite',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-invite'],
      run: async (turn) => {
        const { context, t, identity } = turn;
        const value = payload(turn, 'customers-invite');
        if (!value) return;
        const customer = await c.eligibility.validateCustomer(identity.tenantId, {
          companyName: value.companyName,
          domain: value.domain,
          country: value.country.toUpperCase(),
          adminEmail: value.adminEmail,
        });
        if (!customer.ok) {
          await refusedForm(turn, value, customer.refusal);
          return;
        }
        const link = await c.lookups.invitationLink(identity.tenantId, value.providerId);
        if (!link.ok) {
          await context.sendActivity(refusalText(t, link.refusal));
          return;
        }
        const params = {
          company: customer.value.companyName,
          provider: link.value.provider.partner.legalName ?? '-',
          url: markup(link.value.url),
          email: customer.value.adminEmail,
        };
        await context.sendActivity(
          [t('customers:teams.invite.intro', params), t('customers:teams.invite.draft', params)].join('\n\n'),
        );
      },
    },
    {
      name: 'customers-offers',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-offers'],
      run: async (turn) => {
        const { identity } = turn;
        const value = payload(turn, 'customers-offers');
        if (!value) return;
        const started = await c.drafts.startNew(requesterOf(identity), {
          providerId: value.providerId,
          customer: {
            companyName: value.companyName,
            domain: value.domain,
            country: value.country.toUpperCase(),
            adminEmail: value.adminEmail,
          },
          address: { line1: value.line1, city: value.city, postalCode: value.postalCode || undefined },
        });
        await startedOrRefused(turn, started, value);
      },
    },
    {
      name: 'customers-existing',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-existing'],
      run: async ({ context, t, identity }) => {
        const found = await c.resellerCustomers.ofReseller(identity.tenantId);
        if (found.every(({ customers }) => customers.length === 0)) {
          await context.sendActivity(t('customers:teams.existing.none'));
          return;
        }
        await context.sendActivity({ attachments: [existingCustomersCard(t, found)] });
      },
    },
    {
      name: 'customers-existing-next',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-existing-next'],
      run: async (turn) => {
        const { identity } = turn;
        const value = payload(turn, 'customers-existing-next');
        if (!value) return;
        const [providerId, customerTenantId] = value.customer.split('|');
        const started = await c.drafts.startExisting(requesterOf(identity), {
          providerId,
          customerTenantId,
          kind: value.kind,
        });
        await startedOrRefused(turn, started);
      },
    },
    {
      name: 'customers-review',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-review'],
      run: async (turn) => {
        const { context, t, identity } = turn;
        const value = payload(turn, 'customers-review');
        if (!value) return;
        const requester = requesterOf(identity);
        const { licences, subscriptionIds, supportContact, agreement } = reviewChoice(value);
        const current = await c.drafts.get(requester, value.draftId);
        if (!current.ok) {
          await context.sendActivity(refusalText(t, current.refusal));
          return;
        }
        const choice = choiceOf(current.value.kind, { licences, supportContact, subscriptionIds, agreement });
        const chosen = await c.drafts.choose(requester, value.draftId, choice);
        if (!chosen.ok) {
          await context.sendActivity(refusalText(t, chosen.refusal));
          return;
        }
        if (!chosen.value.decision.allowed) {
          const { violations, options } = chosen.value.decision;
          const refusal: Refusal = { kind: 'rules', violations, options };
          await context.sendActivity(`${refusalText(t, refusal)}\n\n${t('customers:teams.review.cancelHint')}`);
          return;
        }
        const mpnId = await reseller(identity.tenantId);
        const card = customerReviewCard(t, chosen.value.draft, {
          provider: await providerName(chosen.value.draft.providerId),
          status: t('customers:teams.review.notSent'),
          open: true,
          mpnId,
        });
        await context.sendActivity({ attachments: [card] });
      },
    },
    {
      name: 'customers-submit',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-submit'],
      run: async (turn) => {
        const { context, t, identity } = turn;
        const value = payload(turn, 'customers-submit');
        if (!value) return;
        const outcome = await c.drafts.submit(requesterOf(identity), value.draftId);
        if (!outcome.ok) {
          await context.sendActivity(refusalText(t, outcome.refusal));
          return;
        }
        const request = outcome.value;
        // Also on a second Submit: the outbox sends one message per request however often it is asked.
        await c.sendForApproval(request);
        const provider = await providerName(request.providerId);
        if (!outcome.created) {
          await context.sendActivity(
            t('customers:teams.alreadySubmitted', { provider, state: t(`customers:state.${request.state}`) }),
          );
          return;
        }
        // Said once: on the card that was pressed, or in a message when that card cannot be redrawn.
        const sent = t(`customers:teams.submitted.${request.kind}`, {
          company: request.customer.companyName,
          provider,
          count: request.subscriptions.length,
        });
        const draft = await c.drafts.get(requesterOf(identity), value.draftId);
        const mpnId = draft.ok ? await reseller(identity.tenantId) : undefined;
        const onCard =
          draft.ok &&
          (await replaceCard(
            context,
            customerReviewCard(t, draft.value, { provider, status: sent, open: false, mpnId }),
          ));
        if (!onCard) await context.sendActivity(sent);
      },
    },
    {
      name: 'customers-cancel',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-cancel'],
      run: async (turn) => {
        const { context, t, identity } = turn;
        const value = payload(turn, 'customers-cancel');
        if (!value) return;
        const outcome = await c.drafts.cancel(requesterOf(identity), value.draftId);
        if (!outcome.ok) {
          await context.sendActivity(refusalText(t, outcome.refusal));
          return;
        }
        const provider = await providerName(outcome.value.providerId);
        const status = t('customers:teams.cancelled', { company: outcome.value.customer.companyName });
        const onCard = await replaceCard(
          context,
          customerReviewCard(t, outcome.value, { provider, status, open: false }),
        );
        if (!onCard) await context.sendActivity(status);
      },
    },
  ];
}
