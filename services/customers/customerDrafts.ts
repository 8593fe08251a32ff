/**
 * Customer drafts: a request being put together in the Teams card flow, kept in the store until Submit
 * turns it into a request (customerRequests.ts) or Cancel drops it. What step 2 accepts is draftChoice.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Requester } from '../domain/request';
import type { Refusal } from '../partnerships/types';
import type { Decision } from '../rules/decision';
import { supportContactAvailable } from '../rules/newCommerce';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import { type CustomerEligibility, existingCustomerFacts } from './customerEligibility';
import { acceptedCustomerAgreement, ordersNeedAgreement } from './customerAgreement';
import type { CustomerLookups } from './customerLookups';
import {
  billingAddressSchema,
  type ExistingCustomerKind,
  inputRefusal,
  type NewCustomerInput,
  type Outcome,
  type SubmitOutcome,
} from './customerRequest';
import type { CustomerRequests } from './customerRequests';
import type { CustomerDraft } from './customerDraft';
import { type DraftChoice, type DraftOptions, subscriptionsChosen } from './draftChoice';

export type { DraftChoice, DraftOptions } from './draftChoice';

export type { CustomerDraft, DraftState } from './customerDraft';

const KEY = (id: string) => `customers:draft:${id}`;
/** An abandoned draft is forgotten after a week; it never left Teams. */
const DRAFT_TTL_MS = 7 * 24 * 3600_000;

const input = (code: string, field?: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { kind: 'input', code, field },
});
const rules = (decision: Decision): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { kind: 'rules', violations: decision.violations, options: decision.options },
});

/**
 * The reseller's side of a customer request before it is sent (C3, C5, C6): the rules run when the
 * customer is chosen, at review, and again at submission; Cancel drops the whole request; a second
 * Submit (a double click, a re-sent turn) finds the request the first one recorded.
 */
export class CustomerDrafts {
  private readonly now: () => Date;

  constructor(
    private readonly records: AtomicStore,
    private readonly parts: { requests: CustomerRequests; eligibility: CustomerEligibility; lookups: CustomerLookups },
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** Step 1 for a new customer (C3): details, billing address and provider, checked before anything else. */
  async startNew(
    requester: Requester,
    entered: Pick<NewCustomerInput, 'providerId' | 'customer' | 'address'>,
  ): Promise<Outcome<CustomerDraft>> {
    const customer = await this.parts.eligibility.validateCustomer(requester.tenantId, entered.customer);
    if (!customer.ok) return customer;
    const address = billingAddressSchema.safeParse(entered.address);
    if (!address.success) return inputRefusal(address.error);
    const decision = await this.parts.eligibility.checkFor(requester.tenantId, entered.providerId, customer.value);
    if (!decision) return input('no-active-partnership');
    if (!decision.allowed) return rules(decision);
    return this.create({
      kind: 'new-customer',
      requester,
      providerId: entered.providerId,
      customer: { ...customer.value, resellerId: requester.tenantId, providerId: entered.providerId },
      address: address.data,
      agreementNeeded: true,
    });
  }

  /** Step 1 for an existing customer (C5, C6): the customer as Partner Center lists it for this reseller. */
  async startExisting(
    requester: Requester,
    chosen: { providerId: string; customerTenantId: string; kind: ExistingCustomerKind },
  ): Promise<Outcome<CustomerDraft>> {
    const found = await this.parts.lookups.existingCustomer(
      chosen.providerId,
      requester.tenantId,
      chosen.customerTenantId,
    );
    if (!found) return input('customer-unknown');
    const customer = existingCustomerFacts(found, requester.tenantId, chosen.providerId);
    const decision = await this.parts.eligibility.checkFor(requester.tenantId, chosen.providerId, customer);
    if (!decision) return input('no-active-partnership');
    if (!decision.allowed) return rules(decision);
    // MCA1: asked only when this order needs it and Partner Center has no acceptance on record.
    const agreementNeeded =
      ordersNeedAgreement(chosen.kind) &&
      !(await this.parts.lookups.customerAgreementOnRecord(chosen.providerId, chosen.customerTenantId));
    return this.create({ kind: chosen.kind, requester, providerId: chosen.providerId, customer, agreementNeeded });
  }

  private async create(fields: Omit<CustomerDraft, 'id' | 'state' | 'createdAt' | 'subscriptions'>) {
    const draft: CustomerDraft = {
      ...fields,
      id: randomUUID(),
      subscriptions: [],
      state: 'open',
      createdAt: this.now().toISOString(),
    };
    await this.records.compareAndSet(KEY(draft.id), undefined, draft, { ttlMs: DRAFT_TTL_MS });
    return { ok: true as const, value: draft };
  }

  /** The requester's own draft, or a refusal that says why not (someone else's, gone, already sent, cancelled). */
  async get(requester: Requester, id: string): Promise<Outcome<CustomerDraft>> {
    const draft = (await this.records.read<CustomerDraft>(KEY(id)))?.value;
    if (!draft || draft.requester.tenantId !== requester.tenantId || draft.requester.userId !== requester.userId) {
      return input('draft-unknown');
    }
    return { ok: true, value: draft };
  }

  /** What step 2 offers: the provider's catalogue for the customer's country, or the customer's subscriptions. */
  async options(draft: CustomerDraft): Promise<DraftOptions> {
    if (draft.kind === 'new-customer' || draft.kind === 'add-subscription') {
      return { kind: 'offers', offers: await this.parts.lookups.offers(draft.providerId, draft.customer.country) };
    }
    const subscriptions = await this.parts.lookups.existingSubscriptions(
      draft.providerId,
      draft.customer.tenantId ?? '',
    );
    return { kind: 'subscriptions', subscriptions };
  }

  /**
   * Step 2: the offers and licence counts (checked against the catalogue's limits), or the
   * subscriptions to change; then the rules once more, for the review (C3 "Next: Review").
   */
  async choose(
    requester: Requester,
    id: string,
    choice: DraftChoice,
  ): Promise<Outcome<{ draft: CustomerDraft; decision: Decision }>> {
    const found = await this.open(requester, id);
    if (!found.ok) return found;
    const draft = found.value;
    const chosen = subscriptionsChosen(await this.options(draft), choice);
    if (!chosen.ok) return chosen;
    const subscriptions = chosen.value;
    if (subscriptions.length === 0) return input('validation.request-needs-subscription', 'subscriptions');
    const supportContact =
      'licences' in choice && draft.kind === 'add-subscription' ? Boolean(choice.supportContact) : undefined;
    // NCE2: a designated support contact only on legacy subscriptions; refused with the reason otherwise.
    const support = draft.kind === 'designated-support-contact' || supportContact;
    if (support && !supportContactAvailable(subscriptions).allowed)
      return rules(supportContactAvailable(subscriptions));
    const entered = 'licences' in choice ? choice.agreement : undefined;
    const agreement = draft.agreementNeeded ? acceptedCustomerAgreement(entered, this.now()) : undefined;
    if (agreement && !agreement.ok) return agreement;
    const saved = await updateRecord<CustomerDraft>(
      this.records,
      KEY(id),
      (current) =>
        current?.state === 'open'
          ? { ...current, subscriptions, supportContact, agreement: agreement?.value }
          : undefined,
      { ttlMs: DRAFT_TTL_MS },
    );
    if (!saved.changed) return this.notOpen(saved.value);
    const decision = await this.parts.eligibility.checkFor(requester.tenantId, draft.providerId, draft.customer);
    if (!decision) return input('no-active-partnership');
    return { ok: true, value: { draft: saved.value as CustomerDraft, decision } };
  }

  /**
   * Submit (C3): the draft is claimed at once, so a Cancel racing it loses; the rules run again and
   * the request is recorded under the draft's id, so a second Submit finds it (`created: false`).
   */
  async submit(requester: Requester, id: string): Promise<SubmitOutcome> {
    const found = await this.get(requester, id);
    if (!found.ok) return found;
    const claimed = await updateRecord<CustomerDraft>(
      this.records,
      KEY(id),
      (current) => (current?.state === 'open' ? { ...current, state: 'submitted' } : undefined),
      { ttlMs: DRAFT_TTL_MS },
    );
    const draft = claimed.value;
    if (!draft || draft.state === 'cancelled') return input('draft-cancelled');
    if (!claimed.changed) {
      // A second Submit: the first one's request, whatever the rules would say by now.
      const earlier = await this.parts.requests.get(id);
      if (earlier) return { ok: true, value: earlier, created: false };
    }
    if (draft.subscriptions.length === 0) {
      await this.reopen(id);
      return input('validation.request-needs-subscription', 'subscriptions');
    }
    const outcome =
      draft.kind === 'new-customer'
        ? await this.parts.requests.submit(
            requester,
            {
              providerId: draft.providerId,
              customer: {
                companyName: draft.customer.companyName,
                domain: draft.customer.domain,
                country: draft.customer.country,
                adminEmail: draft.customer.adminEmail,
              },
              address: draft.address ?? { line1: '', city: '' },
              subscriptions: draft.subscriptions,
              agreement: draft.agreement,
            },
            draft.id,
          )
        : await this.parts.requests.submitExisting(
            requester,
            {
              providerId: draft.providerId,
              kind: draft.kind,
              customerTenantId: draft.customer.tenantId ?? '',
              subscriptions: draft.subscriptions,
              supportContact: draft.supportContact,
              agreement: draft.agreement,
            },
            draft.id,
          );
    // Refused now (something changed since the review): nothing was sent, so the draft may be cancelled or tried again.
    if (!outcome.ok && claimed.changed) await this.reopen(id);
    return outcome;
  }

  /** Cancel (C3): the whole request is dropped and nothing is sent. Cancelling twice is fine. */
  async cancel(requester: Requester, id: string): Promise<Outcome<CustomerDraft>> {
    const found = await this.get(requester, id);
    if (!found.ok) return found;
    const moved = await updateRecord<CustomerDraft>(
      this.records,
      KEY(id),
      (current) => (current?.state === 'open' ? { ...current, state: 'cancelled' } : undefined),
      { ttlMs: DRAFT_TTL_MS },
    );
    const draft = moved.value;
    if (!draft) return input('draft-unknown');
    if (draft.state === 'submitted') return input('draft-submitted');
    return { ok: true, value: draft };
  }

  private async open(requester: Requester, id: string): Promise<Outcome<CustomerDraft>> {
    const found = await this.get(requester, id);
    if (!found.ok) return found;
    return found.value.state === 'open' ? found : this.notOpen(found.value);
  }

  private notOpen(draft: CustomerDraft | undefined): { ok: false; refusal: Refusal } {
    if (draft?.state === 'submitted') return input('draft-submitted');
    if (draft?.state === 'cancelled') return input('draft-cancelled');
    return input('draft-unknown');
  }

  private async reopen(id: string) {
    await updateRecord<CustomerDraft>(
      this.records,
      KEY(id),
      (current) => (current?.state === 'submitted' ? { ...current, state: 'open' } : undefined),
      { ttlMs: DRAFT_TTL_MS },
    );
  }
}
