/**
 * The reseller's side of customer onboarding (C3, C5, C6, P9): a request recorded once, after the rules
 * (CustomerEligibility) allow it, and the requests as the distributor lists them. What the distributor
 * then decides is customerDecisions.ts; what Partner Center does on approval, approvalExecution.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Customer } from '../domain/customer';
import type { RequestKind, Requester } from '../domain/request';
import { partnerRequestSchema } from '../domain/request';
import type { Provider, Refusal } from '../partnerships/types';
import type { Decision } from '../rules/decision';
import { supportContactAvailable } from '../rules/newCommerce';
import { updateRecord } from '../storage/atomicStore';
import { acceptedCustomerAgreement, ordersNeedAgreement } from './customerAgreement';
import type { CustomerEligibility } from './customerEligibility';
import { existingCustomerFacts } from './customerEligibility';
import type { CustomerLookups } from './customerLookups';
import { checkLicenceChange } from './licenceChange';
import type { OpenRequests } from './openRequests';
import { needsPartnerOfRecord, type PartnerOfRecord, type PorCheck } from './partnerOfRecord';
import {
  billingAddressSchema,
  type CustomerRequest,
  type CustomerRequestsDeps,
  type ExistingCustomerInput,
  inputRefusal,
  type NewCustomerInput,
  REQUEST_KEYS,
  type SubmitOutcome,
} from './customerRequest';

/** C5, C6: the request makes the reseller the designated support contact (NCE2 then applies). */
const designatedSupportContact = (input: ExistingCustomerInput) =>
  input.kind === 'designated-support-contact' || (input.kind === 'add-subscription' && Boolean(input.supportContact));

/**
 * Every state change is one compare-and-set: the first writer of a request id wins, so a second click
 * or a retried turn reads back what the first one recorded.
 */
export class CustomerRequests {
  private readonly now: () => Date;

  constructor(
    private readonly deps: Pick<CustomerRequestsDeps, 'records' | 'partners' | 'partnerships' | 'now'>,
    private readonly eligibility: CustomerEligibility,
    private readonly lookups: CustomerLookups,
    private readonly partnerOfRecord: PartnerOfRecord,
    private readonly open: OpenRequests,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The reseller asks its provider to create a new customer (C3); the rules run first. With `id`
   * (a Teams review card's draft), a second submission of the same id records nothing new.
   */
  async submit(requester: Requester, input: NewCustomerInput, id?: string): Promise<SubmitOutcome> {
    const customer = await this.eligibility.validateCustomer(requester.tenantId, input.customer);
    if (!customer.ok) return customer;
    const address = billingAddressSchema.safeParse(input.address);
    if (!address.success) return inputRefusal(address.error);
    const agreement = acceptedCustomerAgreement(input.agreement, this.now());
    if (!agreement.ok) return agreement;
    const provider = await this.deps.partnerships.getProviderById(input.providerId);
    if (!provider) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    const decision = await this.eligibility.check(requester.tenantId, provider, customer.value);
    if (!decision.allowed) {
      return { ok: false, refusal: { kind: 'rules', violations: decision.violations, options: decision.options } };
    }
    const por = await this.validatePartnerOfRecord('new-customer', provider, requester.tenantId);
    if (!por.ok) return por;
    return this.record(
      {
        id: id ?? randomUUID(),
        kind: 'new-customer',
        requester,
        provider,
        customer: { ...customer.value, resellerId: requester.tenantId, providerId: provider.partner.id },
        subscriptions: input.subscriptions,
        partnerOfRecord: por.check,
      },
      { address: address.data, agreement: agreement.value },
    );
  }

  /**
   * The reseller asks its provider to act on an existing customer (C5, C6): add subscriptions, put the
   * reseller on record, or make it the designated support contact. The same rules, the same approval.
   */
  async submitExisting(requester: Requester, input: ExistingCustomerInput, id?: string): Promise<SubmitOutcome> {
    const provider = await this.deps.partnerships.getProviderById(input.providerId);
    if (!provider) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    const found = await this.lookups.existingCustomer(input.providerId, requester.tenantId, input.customerTenantId);
    if (!found) return { ok: false, refusal: { kind: 'input', code: 'customer-unknown' } };
    const customer = existingCustomerFacts(found, requester.tenantId, provider.partner.id);
    const decision = await this.eligibility.check(requester.tenantId, provider, customer);
    if (!decision.allowed) {
      return { ok: false, refusal: { kind: 'rules', violations: decision.violations, options: decision.options } };
    }
    const nce = designatedSupportContact(input) ? supportContactAvailable(input.subscriptions) : undefined;
    if (nce && !nce.allowed) return { ok: false, refusal: { kind: 'rules', violations: nce.violations, options: [] } };
    let lines: ExistingCustomerInput['subscriptions'] = input.subscriptions;
    if (input.kind === 'licence-change') {
      // NCE1 against the subscription as Partner Center lists it now; its count and purchase date travel along.
      const live = await this.lookups.existingSubscriptions(provider.partner.id, input.customerTenantId);
      const change = checkLicenceChange(live, input.subscriptions, this.now());
      if (!change.ok) return change;
      if (!change.decision.allowed) return { ok: false, refusal: rulesRefusal(change.decision) };
      lines = change.lines;
    }
    const agreement = await this.existingAgreement(input);
    if (!agreement.ok) return agreement;
    const por = await this.validatePartnerOfRecord(input.kind, provider, requester.tenantId);
    if (!por.ok) return por;
    const reseller = await this.deps.partners.get(requester.tenantId);
    const designated = designatedSupportContact(input);
    return this.record(
      {
        id: id ?? randomUUID(),
        kind: input.kind,
        requester,
        provider,
        customer,
        subscriptions: lines.map((s) => ({
          ...s,
          // P9: on record for new orders and when that is what is asked; a support contact alone changes no record.
          resellerMpnIdOnRecord:
            input.kind === 'designated-support-contact' ? undefined : (reseller?.mpnId ?? undefined),
          designatedSupportContact: designated ? requester.tenantId : undefined,
        })),
        partnerOfRecord: por.check,
      },
      agreement.value ? { agreement: agreement.value } : {},
    );
  }

  /** MCA1 for an existing customer: the acceptance given, or none needed (no order, or Partner Center has one). */
  private async existingAgreement(input: ExistingCustomerInput) {
    if (input.agreement !== undefined) return acceptedCustomerAgreement(input.agreement, this.now());
    const needed =
      ordersNeedAgreement(input.kind) &&
      !(await this.lookups.customerAgreementOnRecord(input.providerId, input.customerTenantId));
    return needed
      ? { ok: false as const, refusal: { kind: 'input' as const, code: 'mca-required', field: 'agreement' } }
      : { ok: true as const, value: undefined };
  }

  /** R1, R2 before the distributor sees it: refused here, the reseller can fix the cause first. */
  private async validatePartnerOfRecord(
    kind: RequestKind,
    provider: Provider,
    resellerTenantId: string,
  ): Promise<{ ok: true; check?: PorCheck } | { ok: false; refusal: Refusal }> {
    if (!needsPartnerOfRecord(kind)) return { ok: true };
    const por = await this.partnerOfRecord.validate(provider.partner.tenantId ?? '', resellerTenantId);
    if (!por.ok) return por;
    if (!por.decision.allowed) return { ok: false, refusal: rulesRefusal(por.decision) };
    return { ok: true, check: por.check };
  }

  /** Validates and stores a pending request once: the first writer of an id wins, a repeat reads it back. */
  private async record(
    draft: {
      id: string;
      kind: RequestKind;
      requester: Requester;
      provider: Provider;
      customer: Customer;
      subscriptions: Array<Record<string, unknown> & { offerId: string; licences: number }>;
      partnerOfRecord?: PorCheck;
    },
    extra: Pick<CustomerRequest, 'address' | 'agreement'> = {},
  ): Promise<SubmitOutcome> {
    const reseller = await this.deps.partners.get(draft.requester.tenantId);
    const parsed = partnerRequestSchema.safeParse({
      id: draft.id,
      kind: draft.kind,
      requestedBy: draft.requester,
      resellerId: draft.requester.tenantId,
      providerId: draft.provider.partner.id,
      customer: draft.customer,
      // P9: the reseller's MPN ID on record, so it earns its incentives (unless the kind says otherwise).
      subscriptions: draft.subscriptions.map((s) => ({
        resellerMpnIdOnRecord: draft.kind === 'new-customer' ? reseller?.mpnId : undefined,
        ...s,
      })),
      state: 'pending',
      createdAt: this.now().toISOString(),
    });
    if (!parsed.success) return inputRefusal(parsed.error);
    const request: CustomerRequest = {
      ...parsed.data,
      ...extra,
      ...(draft.partnerOfRecord ? { partnerOfRecord: draft.partnerOfRecord } : {}),
    };
    // Indexed first: a crash before the record leaves an entry that reads as nothing, never a request the index lacks.
    await this.open.willBePending(request);
    const created = await this.deps.records.compareAndSet(REQUEST_KEYS.request(request.id), undefined, request);
    if (created !== undefined) return { ok: true, value: request, created: true };
    const existing = await this.get(request.id);
    if (!existing) throw new Error(`customer request ${request.id} could be neither created nor read`);
    return { ok: true, value: existing, created: false };
  }

  async get(id: string): Promise<CustomerRequest | undefined> {
    return (await this.deps.records.read<CustomerRequest>(REQUEST_KEYS.request(id)))?.value;
  }

  /** A provider's pending requests, oldest first, the first `limit` of them and how many in all (the App Home). */
  async pending(providerId: string, limit?: number): Promise<{ requests: CustomerRequest[]; total: number }> {
    return this.open.pendingFor(providerId, limit);
  }

  /** A reseller's own pending requests, oldest first (Teams `requests`: what it waits for, and since when). */
  async waitingFor(resellerTenantId: string): Promise<CustomerRequest[]> {
    return this.open.waitingFor(resellerTenantId);
  }

  /** Remembers where the approval message is (one writer per request; a retry writes the same). */
  async attachMessage(id: string, message: { channel: string; ts: string }): Promise<void> {
    await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(id), (current) =>
      current ? { ...current, message } : undefined,
    );
  }
}

const rulesRefusal = (decision: Decision): Refusal => ({
  kind: 'rules',
  violations: decision.violations,
  options: decision.options,
});
