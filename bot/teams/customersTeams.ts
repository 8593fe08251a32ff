import type { TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards/renderCard';
import { countryName, languageOf } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { tell } from '../../i18n/readers';
import {
  type CustomerDraft,
  type CustomerDrafts,
  type CustomerRequest,
  type CustomerRequests,
  customerRefusalMessages,
  type DraftOptions,
  type ResellerCustomers,
} from '../../services/customers';
import { initialDomainPrefix } from '../../services/domain/customerDomain';
import type { PartnerDirectory } from '../../services/partners/partnerDirectory';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import { decisionMessages } from '../../services/partnerships/messages';
import { customerRequestGuidance } from '../../services/rules/guidance';
import type { Refusal } from '../../services/partnerships/types';
import type { Logger } from '../logger';
import { CUSTOMER_CARD_PAYLOADS, type CustomerCardPayload, type CustomerCardVerb } from './customerCardPayloads';
import { requesterOf, type TeamsCommand, type TeamsTurn } from '../../dialogs/teamsTurn';

export interface TeamsCustomers {
  requests: CustomerRequests;
  drafts: CustomerDrafts;
  resellerCustomers: ResellerCustomers;
  partnerships: PartnershipService;
  partners: PartnerDirectory;
  logger: Logger;
  /** Hands a recorded request to the distributor's approvals channel (durably; the same request once). */
  sendForApproval(request: CustomerRequest): Promise<void>;
}

/** A refusal as the reseller reads it (the Teams side speaks to resellers). */
const refusalText = (t: Translate, refusal: Refusal) => tell(t, 'reseller', customerRefusalMessages(refusal));

/** The rule checks a request passed, one line each, in the order mayTakeCustomer applies them. */
const CHECKS = ['transacting', 'partnership', 'region', 'notSelf', 'notCspTenant', 'notProvidersReseller'];

/**
 * The reseller's side in Teams (C1, C3, C5, C6): customer details → subscriptions → review → Submit
 * or Cancel, for a new customer or an existing one; or the C1 invitation link. Every step is a card;
 * what the request will say is kept in a draft in the store, never carried by the card.
 */
export function teamsCustomers(c: TeamsCustomers): TeamsCommand[] {
  /** The card's payload for `verb`, as the edge checked it against the verb's schema before the command ran. */
  function payload<V extends CustomerCardVerb>(turn: TeamsTurn, _verb: V): CustomerCardPayload<V> | undefined {
    return turn.payload as CustomerCardPayload<V> | undefined;
  }

  async function providerName(providerId: string) {
    return (await c.partnerships.getProviderById(providerId))?.partner.legalName ?? providerId;
  }

  async function facts(t: Translate, draft: CustomerDraft) {
    const label = (key: string) => t(`customers:teams.review.${key}`);
    const customer = draft.customer;
    const rows = [
      { title: label('kind'), value: t(`customers:teams.kind.${draft.kind}`) },
      { title: label('customer'), value: customer.companyName },
      { title: label('domain'), value: `${customer.domain} (${countryName(languageOf(t), customer.country)})` },
    ];
    if (draft.kind === 'new-customer') {
      const a = draft.address;
      // What Partner Center will be asked to create, so the reader sees the bare domain's consequence before Submit.
      rows.push({ title: label('initialDomain'), value: `${initialDomainPrefix(customer.domain)}.onmicrosoft.com` });
      rows.push({ title: label('adminEmail'), value: customer.adminEmail });
      rows.push({
        title: label('address'),
        value: [a?.line1, [a?.postalCode, a?.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
      });
    }
    rows.push({ title: label('provider'), value: await providerName(draft.providerId) });
    return rows;
  }

  /** Step 2: the provider's catalogue with licence counts, or the customer's subscriptions to choose. */
  async function choicesCard(t: Translate, draft: CustomerDraft, options: DraftOptions) {
    const provider = await providerName(draft.providerId);
    const common = { draftId: draft.id, facts: await facts(t, draft) };
    if (options.kind === 'offers') {
      return cardAttachment('customerOffers', {
        ...common,
        title: t('customers:teams.offers.title', { company: draft.customer.companyName }),
        intro: t(options.offers.length ? 'customers:teams.offers.intro' : 'customers:teams.offers.empty', {
          provider,
        }),
        askSupportContact: draft.kind === 'add-subscription',
        offers: options.offers.map((o) => ({
          id: o.id,
          // The plural follows the most one may buy (`1 licence at most`, `1–300 licences`).
          label: t('customers:teams.offers.offer', {
            name: o.name,
            min: o.minimumQuantity,
            max: o.maximumQuantity,
            count: o.maximumQuantity,
          }),
          // No `max` on the card: a client that clamps would turn 400 into 300 unseen; the server checks the limits.
          value: draft.subscriptions.find((s) => s.offerId === o.id)?.licences ?? 0,
        })),
        labels: {
          offers: t('customers:teams.offers.licences'),
          supportContact: t('customers:teams.offers.supportContact'),
          review: t('customers:teams.next.review'),
          cancel: t('customers:teams.next.cancel'),
        },
      });
    }
    return cardAttachment('customerSubscriptions', {
      ...common,
      title: t('customers:teams.subscriptions.title'),
      intro: t(`customers:teams.subscriptions.intro.${draft.kind}`, { company: draft.customer.companyName }),
      none: options.subscriptions.length ? '' : t('customers:teams.subscriptions.none'),
      subscriptions: options.subscriptions.map((s) => ({
        id: s.id,
        label: t('customers:teams.subscriptions.line', {
          name: s.offerName ?? s.offerId,
          count: s.quantity,
          onRecord: s.partnerIdOnRecord ?? t('customers:teams.subscriptions.nobody'),
          support: s.supportContact?.name ?? t('customers:teams.subscriptions.provider'),
        }),
      })),
      labels: { review: t('customers:teams.next.review'), cancel: t('customers:teams.next.cancel') },
    });
  }

  /** Step 3 (C3 "Review"): what will be sent, the checks it passed, Submit and Cancel while it is open. */
  async function reviewCard(t: Translate, draft: CustomerDraft, status: string, open: boolean, mpnId?: string) {
    const line = (s: CustomerDraft['subscriptions'][number]) =>
      t(`customers:teams.review.line.${draft.kind}`, {
        name: s.offerName ?? s.offerId,
        count: s.licences,
        mpn: mpnId ?? '-',
      });
    const subscriptions = draft.subscriptions.map((s) => ({ line: line(s) }));
    if (draft.supportContact) subscriptions.push({ line: t('customers:teams.review.alsoSupportContact') });
    const checks = [...(draft.kind === 'new-customer' ? [] : ['relationship']), ...CHECKS];
    return cardAttachment('customerReview', {
      title: t('customers:teams.review.title'),
      intro: t('customers:teams.review.intro', { provider: await providerName(draft.providerId) }),
      draftId: draft.id,
      open,
      status,
      facts: await facts(t, draft),
      subscriptions,
      checks: checks.map((code) => ({ line: t(`customers:teams.review.check.${code}`) })),
      guidance: customerRequestGuidance(draft.subscriptions).map((g) => ({ line: t(`rules:guidance.${g.code}`) })),
      labels: {
        subscriptions: t('customers:teams.review.subscriptions'),
        checks: t('customers:teams.review.checks'),
        submit: t('customers:teams.review.submit'),
        cancel: t('customers:teams.next.cancel'),
      },
    });
  }

  /** Replaces the card the button was on, so an old Submit / Cancel cannot be pressed again; never costs the answer. */
  async function replaceCard(context: TurnContext, attachment: ReturnType<typeof cardAttachment>) {
    const id = context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ id, type: 'message', attachments: [attachment] });
    } catch (error) {
      c.logger.debug({ err: error }, 'could not update the customer card');
    }
  }

  /** P9: the MPN ID the review promises to put on record. */
  const reseller = async (tenantId: string) => (await c.partners.get(tenantId))?.mpnId;

  return [
    {
      name: 'customers',
      descriptionKey: 'customers:teams.commands.customers',
      wordKey: 'customers:teams.words.customers',
      run: async ({ context, t, identity }) => {
        // P1, M2, M3, P5 before any form: a reseller that cannot transact is told so, and what to do.
        const gate = await c.requests.mayAskForCustomers(identity.tenantId);
        if (!gate.decision.allowed) {
          const reasons = tell(t, 'reseller', decisionMessages(gate.decision));
          await context.sendActivity(`${t('customers:teams.cannotAskYet')}\n\n${reasons}`);
          return;
        }
        const rows = gate.providers;
        const first = rows[0];
        const label = (key: string) => t(`customers:teams.card.${key}`);
        const keys = ['companyName', 'domain', 'domainHint', 'country', 'adminEmail', 'provider', 'required'];
        await context.sendActivity({
          attachments: [
            cardAttachment('customerRequest', {
              title: label('title'),
              intro: label('intro'),
              // The customer is most likely where the reseller is (C7 asks the same region), never the distributor's country.
              country: gate.reseller?.country ?? '',
              providerId: first.partnership.providerId,
              severalProviders: rows.length > 1,
              providerLine: t('customers:teams.card.providerLine', { name: first.provider?.legalName ?? '-' }),
              providers: rows.map((r) => ({ id: r.partnership.providerId, name: r.provider?.legalName ?? '-' })),
              labels: Object.fromEntries(
                [...keys, 'newCustomer', 'line1', 'city', 'postalCode', 'next', 'invite', 'existing'].map((k) => [
                  k,
                  label(k),
                ]),
              ),
            }),
          ],
        });
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
        const customer = await c.requests.validateCustomer(identity.tenantId, {
          companyName: value.companyName,
          domain: value.domain,
          country: value.country.toUpperCase(),
          adminEmail: value.adminEmail,
        });
        if (!customer.ok) {
          await context.sendActivity(refusalText(t, customer.refusal));
          return;
        }
        const link = await c.requests.invitationLink(identity.tenantId, value.providerId);
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
    },
    {
      name: 'customers-offers',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-offers'],
      run: async (turn) => {
        const { context, t, identity } = turn;
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
        if (!started.ok) {
          await context.sendActivity(refusalText(t, started.refusal));
          return;
        }
        const options = await c.drafts.options(started.value);
        await context.sendActivity({ attachments: [await choicesCard(t, started.value, options)] });
      },
    },
    {
      name: 'customers-existing',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-existing'],
      run: async ({ context, t, identity }) => {
        const found = await c.resellerCustomers.ofReseller(identity.tenantId);
        const customers = found.flatMap(({ provider, customers: list }) =>
          list.map((customer) => ({
            name: t('customers:teams.existing.choice', {
              company: customer.companyName,
              domain: customer.domain,
              provider: provider.partner.legalName ?? provider.settings.providerId,
            }),
            value: `${provider.settings.providerId}|${customer.tenantId}`,
          })),
        );
        if (customers.length === 0) {
          await context.sendActivity(t('customers:teams.existing.none'));
          return;
        }
        await context.sendActivity({
          attachments: [
            cardAttachment('customerExisting', {
              title: t('customers:teams.existing.title'),
              intro: t('customers:teams.existing.intro'),
              customers: customers.slice(0, 100),
              kinds: ['add-subscription', 'reseller-on-record', 'designated-support-contact'].map((kind) => ({
                title: t(`customers:teams.existing.kind.${kind}`),
                value: kind,
              })),
              labels: {
                customer: t('customers:teams.existing.customer'),
                kind: t('customers:teams.existing.what'),
                required: t('customers:teams.card.required'),
                next: t('customers:teams.next.next'),
              },
            }),
          ],
        });
      },
    },
    {
      name: 'customers-existing-next',
      descriptionKey: 'customers:teams.commands.customers',
      hidden: true,
      payload: CUSTOMER_CARD_PAYLOADS['customers-existing-next'],
      run: async (turn) => {
        const { context, t, identity } = turn;
        const value = payload(turn, 'customers-existing-next');
        if (!value) return;
        const [providerId, customerTenantId] = value.customer.split('|');
        const started = await c.drafts.startExisting(requesterOf(identity), {
          providerId,
          customerTenantId,
          kind: value.kind,
        });
        if (!started.ok) {
          await context.sendActivity(refusalText(t, started.refusal));
          return;
        }
        const options = await c.drafts.options(started.value);
        await context.sendActivity({ attachments: [await choicesCard(t, started.value, options)] });
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
        const entries = Object.entries(value);
        const licences: Record<string, number> = {};
        for (const [key, raw] of entries) {
          if (!key.startsWith('qty:')) continue;
          const text = String(raw).trim();
          licences[key.slice('qty:'.length)] = text === '' ? 0 : Number(text);
        }
        const subscriptionIds = entries
          .filter(([key, raw]) => key.startsWith('sub:') && String(raw) === 'true')
          .map(([key]) => key.slice('sub:'.length));
        const current = await c.drafts.get(requester, value.draftId);
        if (!current.ok) {
          await context.sendActivity(refusalText(t, current.refusal));
          return;
        }
        const byOffers = current.value.kind === 'new-customer' || current.value.kind === 'add-subscription';
        const chosen = await c.drafts.choose(
          requester,
          value.draftId,
          byOffers ? { licences, supportContact: String(value.supportContact) === 'true' } : { subscriptionIds },
        );
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
        const card = await reviewCard(t, chosen.value.draft, t('customers:teams.review.notSent'), true, mpnId);
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
        const draft = await c.drafts.get(requesterOf(identity), value.draftId);
        if (draft.ok) {
          const status = t('customers:teams.review.sent', { provider });
          const mpnId = await reseller(identity.tenantId);
          await replaceCard(context, await reviewCard(t, draft.value, status, false, mpnId));
        }
        await context.sendActivity(
          t(`customers:teams.submitted.${request.kind}`, {
            company: request.customer.companyName,
            provider,
            count: request.subscriptions.length,
          }),
        );
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
        await replaceCard(context, await reviewCard(t, outcome.value, t('customers:teams.review.cancelled'), false));
        await context.sendActivity(t('customers:teams.cancelled', { company: outcome.value.customer.companyName }));
      },
    },
  ];
}
