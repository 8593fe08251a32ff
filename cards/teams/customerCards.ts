import type { Attachment } from 'botbuilder';
import { countryName, languageOf } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { escapeTeamsMarkdown as md, plainTranslator } from '../../i18n/teamsMarkdown';
import type { CustomerDraft, DraftOptions } from '../../services/customers/customerDrafts';
import { initialDomainPrefix } from '../../services/domain/customerDomain';
import type { Provider, ProviderRow } from '../../services/partnerships/types';
import { customerChecksInOrder } from '../../services/rules/customerChecks';
import { customerRequestGuidance } from '../../services/rules/guidance';
import { isNewCommerceOffer } from '../../services/rules/newCommerce';
import { cardAttachment } from '../renderCard';
import { type AgreementSectionData, agreementFact, agreementSection } from './customerAgreementSection';
import { licenceChangeCard } from './licenceChangeCards';

/**
 * The reseller's customer cards in Teams (C1, C3, C5, C6): the request form, the existing customers,
 * the choice of offers or subscriptions, and the review. Each takes what it shows, already looked up;
 * the commands that send them live in dialogs/customers/customerFlow.ts.
 */

interface Fact {
  title: string;
  value: string;
}

type Labels = Record<string, string>;

/** The request form's data (cards/teams/customerRequest.json). */
export interface CustomerRequestCardData {
  title: string;
  intro: string;
  country: string;
  providerId: string;
  severalProviders: boolean;
  providerLine: string;
  providers: Array<{ id: string; name: string }>;
  /** What the person typed, when the form comes back after a refusal (empty on a new form). */
  typed: Record<TypedField, string>;
  labels: Labels;
}

const TYPED_FIELDS = ['companyName', 'domain', 'adminEmail', 'line1', 'city', 'postalCode'] as const;
type TypedField = (typeof TYPED_FIELDS)[number];

/** The form's values as the person sent them, to show the form again as typed. */
export type TypedCustomerForm = Partial<Record<TypedField | 'country' | 'providerId', string>>;

/**
 * The first card of `customers`: who the customer is, which provider (when several), new or invite or
 * existing. `typed`: the values the person sent, when the form comes back after a refusal, so nothing is
 * typed twice (some clients clear a card's inputs once it is sent).
 */
export function customerRequestCard(
  t: Translate,
  providers: ProviderRow[],
  resellerCountry?: string,
  typed: TypedCustomerForm = {},
): Attachment {
  const chosen = providers.find((r) => r.partnership.providerId === typed.providerId) ?? providers[0];
  const label = (key: string) => t(`customers:teams.card.${key}`);
  const keys = ['companyName', 'domain', 'domainHint', 'country', 'adminEmail', 'provider', 'required'];
  return cardAttachment<CustomerRequestCardData>('customerRequest', {
    title: label('title'),
    intro: label('intro'),
    // The customer is most likely where the reseller is (C7 asks the same region), never the distributor's country.
    country: typed.country ?? resellerCountry ?? '',
    providerId: chosen.partnership.providerId,
    typed: Object.fromEntries(TYPED_FIELDS.map((field) => [field, typed[field] ?? ''])) as Record<TypedField, string>,
    severalProviders: providers.length > 1,
    providerLine: t('customers:teams.card.providerLine', { name: chosen.provider?.legalName ?? '-' }),
    providers: providers.map((r) => ({ id: r.partnership.providerId, name: r.provider?.legalName ?? '-' })),
    labels: Object.fromEntries(
      [...keys, 'newCustomer', 'line1', 'city', 'postalCode', 'next', 'invite', 'existing'].map((k) => [k, label(k)]),
    ),
  });
}

/** The existing customers card's data (cards/teams/customerExisting.json). */
export interface ExistingCustomersCardData {
  title: string;
  intro: string;
  customers: Array<{ name: string; value: string }>;
  kinds: Array<{ title: string; value: string }>;
  labels: Labels;
}

/** The reseller's customers with each provider, for a request about one of them (C5, C6). */
export function existingCustomersCard(
  t: Translate,
  found: Array<{ provider: Provider; customers: Array<{ companyName: string; domain: string; tenantId: string }> }>,
): Attachment {
  const customers = found.flatMap(({ provider, customers: list }) =>
    list.map((customer) => ({
      // A choice's title shows its text as it is.
      name: plainTranslator(t)('customers:teams.existing.choice', {
        company: customer.companyName,
        domain: customer.domain,
        provider: provider.partner.legalName ?? provider.settings.providerId,
      }),
      value: `${provider.settings.providerId}|${customer.tenantId}`,
    })),
  );
  return cardAttachment<ExistingCustomersCardData>('customerExisting', {
    title: t('customers:teams.existing.title'),
    intro: t('customers:teams.existing.intro'),
    customers: customers.slice(0, 100),
    kinds: ['add-subscription', 'licence-change', 'reseller-on-record', 'designated-support-contact'].map((kind) => ({
      title: t(`customers:teams.existing.kind.${kind}`),
      value: kind,
    })),
    labels: {
      customer: t('customers:teams.existing.customer'),
      kind: t('customers:teams.existing.what'),
      required: t('customers:teams.card.required'),
      next: t('customers:teams.next.next'),
    },
  });
}

function customerFacts(t: Translate, draft: CustomerDraft, provider: string): Fact[] {
  const label = (key: string) => t(`customers:teams.review.${key}`);
  const customer = draft.customer;
  const rows = [
    { title: label('kind'), value: t(`customers:teams.kind.${draft.kind}`) },
    { title: label('customer'), value: md(customer.companyName) },
    { title: label('domain'), value: `${md(customer.domain)} (${countryName(languageOf(t), customer.country)})` },
  ];
  if (draft.kind === 'new-customer') {
    const a = draft.address;
    // What Partner Center will be asked to create, so the reader sees the bare domain's consequence before Submit.
    rows.push({ title: label('initialDomain'), value: md(`${initialDomainPrefix(customer.domain)}.onmicrosoft.com`) });
    rows.push({ title: label('adminEmail'), value: md(customer.adminEmail) });
    rows.push({
      title: label('address'),
      value: md([a?.line1, [a?.postalCode, a?.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')),
    });
  }
  const agreement = agreementFact(t, draft);
  if (agreement) rows.push(agreement);
  rows.push({ title: label('provider'), value: md(provider) });
  return rows;
}

/** The facts every step card repeats, and the draft they belong to. */
interface DraftCardData {
  draftId: string;
  facts: Fact[];
  title: string;
  intro: string;
  labels: Labels;
}

/** The offers card's data (cards/teams/customerOffers.json). */
export interface CustomerOffersCardData extends DraftCardData {
  askSupportContact: boolean;
  /** NCE2: why the support contact is not offered, when it is not. */
  supportContactNote: string;
  /** MCA1: who accepted the customer agreement, asked when the order needs it. */
  agreement: AgreementSectionData;
  offers: Array<{ id: string; label: string; value: number }>;
}

/** The subscriptions card's data (cards/teams/customerSubscriptions.json). */
export interface CustomerSubscriptionsCardData extends DraftCardData {
  none: string;
  subscriptions: Array<{ id: string; label: string }>;
}

/** The review card's data (cards/teams/customerReview.json). */
export interface CustomerReviewCardData extends DraftCardData {
  open: boolean;
  status: string;
  subscriptions: Array<{ line: string }>;
  checks: Array<{ line: string }>;
  guidance: Array<{ line: string }>;
}

/** Step 2: the provider's catalogue with licence counts, or the customer's subscriptions to choose. */
export function customerChoicesCard(
  t: Translate,
  draft: CustomerDraft,
  options: DraftOptions,
  provider: string,
): Attachment {
  const common = { draftId: draft.id, facts: customerFacts(t, draft, provider) };
  // Inputs' labels and toggles' titles show their text as it is (i18n/teamsMarkdown.ts).
  const asIs = plainTranslator(t);
  if (draft.kind === 'licence-change' && options.kind === 'subscriptions') {
    return licenceChangeCard(t, { ...common, company: draft.customer.companyName }, options.subscriptions, new Date());
  }
  if (options.kind === 'offers') {
    return cardAttachment<CustomerOffersCardData>('customerOffers', {
      ...common,
      title: t('customers:teams.offers.title', { company: draft.customer.companyName }),
      intro: t(options.offers.length ? 'customers:teams.offers.intro' : 'customers:teams.offers.empty', {
        provider,
      }),
      // NCE2: offered only where a legacy offer could be ordered; otherwise the card says why not.
      askSupportContact: draft.kind === 'add-subscription' && options.offers.some((o) => !isNewCommerceOffer(o.id)),
      supportContactNote:
        draft.kind === 'add-subscription' && options.offers.every((o) => isNewCommerceOffer(o.id))
          ? t('customers:teams.offers.supportContactNce')
          : '',
      agreement: agreementSection(t, draft),
      offers: options.offers.map((o) => ({
        id: o.id,
        // The plural follows the most one may buy (`1 licence at most`, `1–300 licences`).
        label: asIs('customers:teams.offers.offer', {
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
  return cardAttachment<CustomerSubscriptionsCardData>('customerSubscriptions', {
    ...common,
    title: t('customers:teams.subscriptions.title'),
    intro: t(`customers:teams.subscriptions.intro.${draft.kind}`, { company: draft.customer.companyName }),
    none: options.subscriptions.length ? '' : t('customers:teams.subscriptions.none'),
    subscriptions: options.subscriptions.map((s) => ({
      id: s.id,
      label: nceNote(
        asIs,
        draft,
        s.offerId,
        asIs('customers:teams.subscriptions.line', {
          name: s.offerName ?? s.offerId,
          count: s.quantity,
          onRecord: s.partnerIdOnRecord ?? asIs('customers:teams.subscriptions.nobody'),
          support: s.supportContact?.name ?? asIs('customers:teams.subscriptions.provider'),
        }),
      ),
    })),
    labels: { review: t('customers:teams.next.review'), cancel: t('customers:teams.next.cancel') },
  });
}

/** NCE2: a subscription offered for the support contact says, when it is an NCE one, that it cannot have one. */
function nceNote(t: Translate, draft: CustomerDraft, offerId: string, line: string): string {
  return draft.kind === 'designated-support-contact' && isNewCommerceOffer(offerId)
    ? `${line} · ${t('customers:teams.subscriptions.nceNoSupport')}`
    : line;
}

/** What the review card says around the draft: the provider, the status line, and whether Submit and Cancel show. */
export interface CustomerReview {
  provider: string;
  status: string;
  open: boolean;
  /** P9: the MPN ID the review promises to put on record. */
  mpnId?: string;
}

/** Step 3 (C3 "Review"): what will be sent, the checks it passed, Submit and Cancel while it is open. */
export function customerReviewCard(t: Translate, draft: CustomerDraft, review: CustomerReview): Attachment {
  const { provider, status, open, mpnId } = review;
  const line = (s: CustomerDraft['subscriptions'][number]) =>
    t(`customers:teams.review.line.${draft.kind}`, {
      name: s.offerName ?? s.offerId,
      count: s.licences,
      from: s.previousLicences,
      mpn: mpnId ?? '-',
    });
  const subscriptions = draft.subscriptions.map((s) => ({ line: line(s) }));
  if (draft.supportContact) subscriptions.push({ line: t('customers:teams.review.alsoSupportContact') });
  const checks = customerChecksInOrder(draft.kind);
  return cardAttachment<CustomerReviewCardData>('customerReview', {
    title: t('customers:teams.review.title'),
    intro: t('customers:teams.review.intro', { provider }),
    draftId: draft.id,
    open,
    status,
    facts: customerFacts(t, draft, provider),
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
