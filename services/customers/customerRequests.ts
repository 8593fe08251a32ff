import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Customer, customerSchemaFor } from '../domain/customer';
import { initialDomainPrefix } from '../domain/customerDomain';
import type { Actor } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import type { PartnerRequest, RequestKind, Requester } from '../domain/request';
import { partnerRequestSchema } from '../domain/request';
import { isSameOrSubdomain } from '../domain/identifiers';
// A reseller the directory does not know yet is a new draft: nothing enrolled, nothing signed.
import { newDraft } from '../enrolment/enrolmentService';
import { isPartnerCenterError } from '../partnerCenter/errors';
import type {
  CustomerSummary,
  Offer,
  PartnerCenterGateway,
  PartnerCenterSession,
  Subscription as PartnerCenterSubscription,
} from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { partnerCenterFailureRefusal } from './partnerCenterFailure';
import type { PartnershipService } from '../partnerships/partnershipService';
import type { Provider, ProviderRow, Refusal } from '../partnerships/types';
import type { Decision } from '../rules/decision';
import { mayAskForCustomers } from '../rules/customerGate';
import { mayTakeCustomer } from '../rules/mayTakeCustomer';
import type { RegionTable } from '../rules/regionTable';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';

/** The billing address Partner Center requires for a new customer (C3). */
export const billingAddressSchema = z.object({
  line1: z.string().trim().min(1, { message: 'validation.address-missing' }).max(200),
  city: z.string().trim().min(1, { message: 'validation.city-missing' }).max(100),
  postalCode: z.string().trim().max(20).optional(),
});
export type BillingAddress = z.infer<typeof billingAddressSchema>;

export interface NewCustomerInput {
  providerId: string;
  customer: { companyName: string; domain: string; country: string; adminEmail: string };
  address: BillingAddress;
  subscriptions: Array<{ offerId: string; offerName?: string; licences: number }>;
}

/** What a reseller asks for an existing customer (C5, C6): the same request and approval path as a new one. */
export type ExistingCustomerKind = Exclude<RequestKind, 'new-customer'>;

export interface ExistingCustomerInput {
  providerId: string;
  kind: ExistingCustomerKind;
  customerTenantId: string;
  /**
   * add-subscription: the offers and licences to order. reseller-on-record and
   * designated-support-contact: the existing subscriptions (`subscriptionId`) to act on.
   */
  subscriptions: Array<{ offerId: string; offerName?: string; licences: number; subscriptionId?: string }>;
  /** add-subscription: also make the reseller the new subscriptions' designated support contact (C5). */
  supportContact?: boolean;
}

/** A request as stored: never the temporary password, never the admin user name (C3). */
export interface CustomerRequest extends PartnerRequest {
  /** Only for a new customer (C3). */
  address?: BillingAddress;
  /** Where the distributor's approval message is, so it can be updated (Slack channel and ts). */
  message?: { channel: string; ts: string };
  /** What Partner Center created or changed on approval. */
  result?: { customerTenantId: string; customerDomain: string; subscriptionIds: string[] };
  /** Why Partner Center could not do it after approval (an error code, no secret). */
  failure?: string;
  /**
   * The intent of an approval not yet carried out in Partner Center, recorded in the same write that
   * approves (issue 13 point 4): the MS-RequestIds to call with (the customer's first for a new
   * customer, then one per subscription) and until when the instance that approved is working on it.
   * Cleared once the result or the failure is recorded; a recovery pass finishes what a crash left.
   */
  intent?: { requestIds: string[]; leaseUntil: string };
}

/**
 * What the approving rep alone sees, once (C3). Returned, never stored, never logged. No password when
 * Partner Center could not show it again (an approval finished after a crash): the rep resets it instead.
 */
export interface OneTimeCredentials {
  adminUserName: string;
  temporaryPassword?: string;
}

/** An approval a crash left unfinished, now carried out (or failed) by the recovery pass. */
export interface ResumedApproval {
  request: CustomerRequest;
  credentials?: OneTimeCredentials;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** `created` is false when a request with this id was already there (a second click, a retried turn). */
export type SubmitOutcome = { ok: true; value: CustomerRequest; created: boolean } | { ok: false; refusal: Refusal };

export type DecideOutcome<T> =
  | { ok: true; request: CustomerRequest; value: T | undefined }
  | { ok: false; decided: CustomerRequest }
  | { ok: false; refusal: Refusal; request?: CustomerRequest };

export interface CustomerRequestsDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  partnerships: PartnershipService;
  partnerCenter: PartnerCenterGateway;
  regions: RegionTable;
  now?: () => Date;
  /** Test only (TEST_ONLY_CRASH_AT): called at the moments a crash is most harmful; absent in production. */
  atMomentOfDanger?: (moment: 'approve:after-claim' | 'approve:after-customer-created') => void;
}

/** How long the instance that approved has to carry it out before a recovery pass may take over. */
const APPROVAL_LEASE_MS = 2 * 60_000;

const KEYS = {
  request: (id: string) => `customers:request:${id}`,
  requests: 'customers:request:',
};

/**
 * Customer onboarding (C1, C3, C4, P9): a reseller's request, the distributor's decision, and what
 * Partner Center creates on approval. The rules run at submission and again at approval; every state
 * change is one compare-and-set, so of two approvers, clicks or instances exactly one decides.
 */
export class CustomerRequests {
  private readonly now: () => Date;

  constructor(private readonly deps: CustomerRequestsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The customer as the rules see it: a domain owned by a known partner is that partner's CSP tenant (C8–C10). */
  private async customerFacts(customer: Customer) {
    const partners = await this.deps.partners.all();
    const owner = partners.find((p) => p.domains.some((own) => isSameOrSubdomain(customer.domain, own)));
    return {
      partners,
      customer: owner
        ? { ...customer, ownerPartnerId: owner.id, tenantType: 'partner-csp-tenant' as const }
        : { ...customer },
    };
  }

  /** mayTakeCustomer for this reseller, provider and customer (C2, C7–C10, M2, M3, P5). */
  async check(resellerTenantId: string, provider: Provider, customer: Customer): Promise<Decision> {
    const reseller = await this.deps.partners.get(resellerTenantId);
    const facts = await this.customerFacts(customer);
    const partnerships = (await this.deps.partnerships.listResellers(provider.partner.id)).map((r) => r.partnership);
    const own = await this.deps.partnerships.getPartnership(provider.partner.id, resellerTenantId);
    return mayTakeCustomer({
      provider: seller(provider.partner),
      reseller: seller(reseller ?? newDraft(resellerTenantId)),
      customer: facts.customer,
      partnerships: own && !partnerships.includes(own) ? [...partnerships, own] : partnerships,
      partners: facts.partners.map((p) => ({ id: p.id, tenantId: p.tenantId ?? '' })),
      regions: this.deps.regions,
    });
  }

  /**
   * Before any form: may this reseller ask for customers at all (P1, M2, M3, P5, M1), and through which
   * distributors? The reseller's own record comes along, for the form's defaults (its country).
   */
  async mayAskForCustomers(
    resellerTenantId: string,
  ): Promise<{ decision: Decision; providers: ProviderRow[]; reseller?: PartnerDraft }> {
    const reseller = await this.deps.partners.get(resellerTenantId);
    const providers = (await this.deps.partnerships.listProviders(resellerTenantId)).filter((row) => row.provider);
    const decision = mayAskForCustomers(
      seller(reseller ?? newDraft(resellerTenantId)),
      providers.flatMap((row) => (row.provider ? [seller(row.provider)] : [])),
    );
    return { decision, providers, reseller };
  }

  /** The same check for a provider given by id; undefined when there is no such provider. */
  async checkFor(resellerTenantId: string, providerId: string, customer: Customer): Promise<Decision | undefined> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    return provider ? this.check(resellerTenantId, provider, customer) : undefined;
  }

  /** The customer fields as entered, validated (the admin email not on the reseller's own domains). */
  async validateCustomer(resellerTenantId: string, input: NewCustomerInput['customer']): Promise<Outcome<Customer>> {
    const reseller = await this.deps.partners.get(resellerTenantId);
    const parsed = customerSchemaFor(reseller?.domains ?? []).safeParse({
      ...input,
      country: String(input.country ?? '')
        .trim()
        .toUpperCase(),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
    }
    return { ok: true, value: parsed.data };
  }

  /** The catalogue for a customer's country, as the provider sees it (C3). */
  async offers(providerId: string, country: string): Promise<Offer[]> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    if (!provider?.partner.tenantId) return [];
    return this.deps.partnerCenter.as(provider.partner.tenantId).listOffers(country);
  }

  /** C1: the link that lets an existing customer authorise the reseller and its provider at once. */
  async invitationLink(
    resellerTenantId: string,
    providerId: string,
  ): Promise<Outcome<{ url: string; provider: Provider }>> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    const partnership = await this.deps.partnerships.getPartnership(providerId, resellerTenantId);
    if (!provider?.partner.tenantId || partnership?.state !== 'active') {
      return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    }
    const { url } = await this.deps.partnerCenter
      .as(resellerTenantId)
      .getCustomerRelationshipRequestLink({ resellerTenantId, providerTenantId: provider.partner.tenantId });
    return { ok: true, value: { url, provider } };
  }

  /** An existing customer of this reseller, as its provider sees it in Partner Center (C2: a relationship exists). */
  async existingCustomer(
    providerId: string,
    resellerTenantId: string,
    customerTenantId: string,
  ): Promise<CustomerSummary | undefined> {
    const session = await this.providerSession(providerId);
    if (!session) return undefined;
    const customers = await session.listCustomers({ indirectResellerTenantId: resellerTenantId });
    return customers.find((c) => c.tenantId.toLowerCase() === customerTenantId.toLowerCase());
  }

  /** An existing customer's subscriptions, as its provider sees them (C5, C6). */
  async existingSubscriptions(providerId: string, customerTenantId: string): Promise<PartnerCenterSubscription[]> {
    const session = await this.providerSession(providerId);
    return session ? session.listSubscriptions(customerTenantId) : [];
  }

  private async providerSession(providerId: string): Promise<PartnerCenterSession | undefined> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    return provider?.partner.tenantId ? this.deps.partnerCenter.as(provider.partner.tenantId) : undefined;
  }

  /**
   * The reseller asks its provider to create a new customer (C3); the rules run first. With `id`
   * (a Teams review card's draft), a second submission of the same id records nothing new.
   */
  async submit(requester: Requester, input: NewCustomerInput, id?: string): Promise<SubmitOutcome> {
    const customer = await this.validateCustomer(requester.tenantId, input.customer);
    if (!customer.ok) return customer;
    const address = billingAddressSchema.safeParse(input.address);
    if (!address.success) {
      const issue = address.error.issues[0];
      return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
    }
    const provider = await this.deps.partnerships.getProviderById(input.providerId);
    if (!provider) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    const decision = await this.check(requester.tenantId, provider, customer.value);
    if (!decision.allowed) {
      return { ok: false, refusal: { kind: 'rules', violations: decision.violations, options: decision.options } };
    }
    return this.record(
      {
        id: id ?? randomUUID(),
        kind: 'new-customer',
        requester,
        provider,
        customer: { ...customer.value, resellerId: requester.tenantId, providerId: provider.partner.id },
        subscriptions: input.subscriptions,
      },
      address.data,
    );
  }

  /**
   * The reseller asks its provider to act on an existing customer (C5, C6): add subscriptions, put the
   * reseller on record, or make it the designated support contact. The same rules, the same approval.
   */
  async submitExisting(requester: Requester, input: ExistingCustomerInput, id?: string): Promise<SubmitOutcome> {
    const provider = await this.deps.partnerships.getProviderById(input.providerId);
    if (!provider) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    const found = await this.existingCustomer(input.providerId, requester.tenantId, input.customerTenantId);
    if (!found) return { ok: false, refusal: { kind: 'input', code: 'customer-unknown' } };
    const customer = existingCustomerFacts(found, requester.tenantId, provider.partner.id);
    const decision = await this.check(requester.tenantId, provider, customer);
    if (!decision.allowed) {
      return { ok: false, refusal: { kind: 'rules', violations: decision.violations, options: decision.options } };
    }
    const reseller = await this.deps.partners.get(requester.tenantId);
    const designated =
      input.kind === 'designated-support-contact' || (input.kind === 'add-subscription' && input.supportContact);
    return this.record({
      id: id ?? randomUUID(),
      kind: input.kind,
      requester,
      provider,
      customer,
      subscriptions: input.subscriptions.map((s) => ({
        ...s,
        // P9: on record for new orders and when that is what is asked; a support contact alone changes no record.
        resellerMpnIdOnRecord: input.kind === 'designated-support-contact' ? undefined : (reseller?.mpnId ?? undefined),
        designatedSupportContact: designated ? requester.tenantId : undefined,
      })),
    });
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
    },
    address?: BillingAddress,
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
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
    }
    const request: CustomerRequest = { ...parsed.data, ...(address ? { address } : {}) };
    const created = await this.deps.records.compareAndSet(KEYS.request(request.id), undefined, request);
    if (created !== undefined) return { ok: true, value: request, created: true };
    const existing = await this.get(request.id);
    if (!existing) throw new Error(`customer request ${request.id} could be neither created nor read`);
    return { ok: true, value: existing, created: false };
  }

  async get(id: string): Promise<CustomerRequest | undefined> {
    return (await this.deps.records.read<CustomerRequest>(KEYS.request(id)))?.value;
  }

  /** A provider's pending requests, oldest first (the App Home and the approvals queue). */
  async pending(providerId: string): Promise<CustomerRequest[]> {
    return (await this.deps.records.list<CustomerRequest>(KEYS.requests))
      .map((r) => r.value)
      .filter((r) => r.providerId === providerId && r.state === 'pending')
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  }

  /** Remembers where the approval message is (one writer per request; a retry writes the same). */
  async attachMessage(id: string, message: { channel: string; ts: string }): Promise<void> {
    await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
      current ? { ...current, message } : undefined,
    );
  }

  /** An approver rejects with a reason; of two decisions exactly one lands. */
  async reject(teamId: string, id: string, actor: Actor, reason: string): Promise<DecideOutcome<undefined>> {
    const gate = await this.gate(teamId, id, actor);
    if (!gate.ok) return gate;
    const at = this.now().toISOString();
    const moved = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
      current?.state === 'pending'
        ? { ...current, state: 'rejected', decision: { by: actor, at, reason: reason.trim() || undefined } }
        : undefined,
    );
    const after = moved.value as CustomerRequest;
    if (!moved.changed) return { ok: false, decided: after };
    return { ok: true, request: after, value: undefined };
  }

  /**
   * An approver approves: the rules run again, the request moves to approved atomically (the loser
   * of a race learns who decided and when), then Partner Center does what was asked: a new customer
   * associated with the reseller (C3, C4) with each subscription's reseller of record (P9); or, for an
   * existing customer, new subscriptions, the reseller on record, or the reseller as designated
   * support contact (C5, C6). New credentials are returned to the caller and kept nowhere.
   */
  async approve(teamId: string, id: string, actor: Actor): Promise<DecideOutcome<OneTimeCredentials>> {
    const gate = await this.gate(teamId, id, actor);
    if (!gate.ok) return gate;
    const { request, provider } = gate;
    const customer = await this.customerNow(request);
    const decision = await this.check(request.resellerId, provider, customer);
    if (!decision.allowed) {
      return {
        ok: false,
        request,
        refusal: { kind: 'rules', violations: decision.violations, options: decision.options },
      };
    }
    const at = this.now().toISOString();
    // The decision and the intent (with the MS-RequestIds) in one write, before Partner Center is called.
    const intent = {
      requestIds: Array.from({ length: request.subscriptions.length + 1 }, () => randomUUID()),
      leaseUntil: new Date(this.now().getTime() + APPROVAL_LEASE_MS).toISOString(),
    };
    const claimed = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
      current?.state === 'pending' ? { ...current, state: 'approved', decision: { by: actor, at }, intent } : undefined,
    );
    if (!claimed.changed) return { ok: false, decided: claimed.value as CustomerRequest };
    this.deps.atMomentOfDanger?.('approve:after-claim');
    return this.carryOut(claimed.value as CustomerRequest, provider, intent.requestIds);
  }

  /**
   * The recovery pass (at start and periodically, on every instance): approvals whose intent is recorded,
   * whose lease has run out and that have neither result nor failure are carried out with the same
   * MS-RequestIds, so Partner Center creates each thing once whoever finishes it. Taking the lease is one
   * compare-and-set, so of several instances exactly one resumes a given request.
   */
  async resumeUnfinished(): Promise<ResumedApproval[]> {
    const now = this.now();
    const unfinished = (await this.deps.records.list<CustomerRequest>(KEYS.requests))
      .map((r) => r.value)
      .filter((r) => r.state === 'approved' && r.intent && Date.parse(r.intent.leaseUntil) <= now.getTime());
    const resumed: ResumedApproval[] = [];
    for (const request of unfinished) {
      const leaseUntil = new Date(now.getTime() + APPROVAL_LEASE_MS).toISOString();
      const taken = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(request.id), (current) =>
        current?.state === 'approved' && current.intent && Date.parse(current.intent.leaseUntil) <= now.getTime()
          ? { ...current, intent: { ...current.intent, leaseUntil } }
          : undefined,
      );
      if (!taken.changed) continue;
      const mine = taken.value as CustomerRequest;
      const provider = await this.deps.partnerships.getProviderById(mine.providerId);
      const outcome = await this.carryOut(mine, provider, mine.intent?.requestIds ?? []);
      if (outcome.ok) resumed.push({ request: outcome.request, credentials: outcome.value });
      else if ('request' in outcome && outcome.request) resumed.push({ request: outcome.request });
    }
    return resumed;
  }

  /** Partner Center does what was approved, with the intent's MS-RequestIds; the outcome clears the intent. */
  private async carryOut(
    request: CustomerRequest,
    provider: Provider | undefined,
    requestIds: string[],
  ): Promise<DecideOutcome<OneTimeCredentials>> {
    const id = request.id;
    const session = this.deps.partnerCenter.as(provider?.partner.tenantId ?? '');
    try {
      const done =
        request.kind === 'new-customer'
          ? await this.createCustomer(session, request, requestIds)
          : { result: await this.changeExisting(session, request, requestIds), credentials: undefined };
      const stored = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
        current
          ? {
              ...current,
              customer: { ...current.customer, tenantId: done.result.customerTenantId },
              result: done.result,
              intent: undefined,
            }
          : undefined,
      );
      return { ok: true, request: stored.value as CustomerRequest, value: done.credentials };
    } catch (error) {
      const code = isPartnerCenterError(error) ? String(error.code) : 'unexpected';
      const failed = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
        current ? { ...current, state: 'failed', failure: code, intent: undefined } : undefined,
      );
      return {
        ok: false,
        request: failed.value as CustomerRequest,
        refusal: partnerCenterFailureRefusal(error, request),
      };
    }
  }

  /** The customer as the rules must see it now: an existing one is looked up again (C2: still the provider's?). */
  private async customerNow(request: CustomerRequest): Promise<Customer> {
    if (request.kind === 'new-customer' || !request.customer.tenantId) return request.customer;
    const found = await this.existingCustomer(request.providerId, request.resellerId, request.customer.tenantId);
    return found
      ? existingCustomerFacts(found, request.resellerId, request.providerId)
      : { ...request.customer, providerId: undefined };
  }

  private async createCustomer(session: PartnerCenterSession, request: CustomerRequest, requestIds: string[]) {
    const address = request.address ?? { line1: '', city: '' };
    const [customerRequestId, ...subscriptionRequestIds] = requestIds;
    const created = await session.createCustomer({
      requestId: customerRequestId,
      associatedPartnerId: request.resellerId,
      companyName: request.customer.companyName,
      domain: initialDomainPrefix(request.customer.domain),
      country: request.customer.country,
      email: request.customer.adminEmail,
      address,
    });
    this.deps.atMomentOfDanger?.('approve:after-customer-created');
    const subscriptionIds: string[] = [];
    for (const [i, s] of request.subscriptions.entries()) {
      const sub = await session.createSubscription(created.tenantId, {
        requestId: subscriptionRequestIds[i],
        offerId: s.offerId,
        quantity: s.licences,
        resellerMpnId: s.resellerMpnIdOnRecord,
      });
      subscriptionIds.push(sub.id);
    }
    return {
      result: { customerTenantId: created.tenantId, customerDomain: created.domain, subscriptionIds },
      credentials: { adminUserName: created.adminUserName, temporaryPassword: created.temporaryPassword },
    };
  }

  /** C5, C6, P9 on an existing customer, one subscription at a time. */
  private async changeExisting(session: PartnerCenterSession, request: CustomerRequest, requestIds: string[]) {
    const customerTenantId = request.customer.tenantId ?? '';
    const reseller = await this.deps.partners.get(request.resellerId);
    const contact = {
      supportTenantId: reseller?.tenantId ?? request.resellerId,
      supportMpnId: reseller?.mpnId ?? '',
      name: reseller?.legalName ?? request.resellerId,
    };
    const subscriptionIds: string[] = [];
    for (const [i, s] of request.subscriptions.entries()) {
      let subscriptionId = s.subscriptionId ?? '';
      if (request.kind === 'add-subscription') {
        const created = await session.createSubscription(customerTenantId, {
          requestId: requestIds[i + 1],
          offerId: s.offerId,
          quantity: s.licences,
          resellerMpnId: s.resellerMpnIdOnRecord,
        });
        subscriptionId = created.id;
      } else if (request.kind === 'reseller-on-record') {
        await session.updatePartnerOfRecord(customerTenantId, subscriptionId, s.resellerMpnIdOnRecord ?? '');
      }
      if (s.designatedSupportContact) await session.setSupportContact(customerTenantId, subscriptionId, contact);
      subscriptionIds.push(subscriptionId);
    }
    return { customerTenantId, customerDomain: request.customer.domain, subscriptionIds };
  }

  /** Only the provider's approvers decide, and only on a pending request of that provider. */
  private async gate(
    teamId: string,
    id: string,
    actor: Actor,
  ): Promise<
    | { ok: true; request: CustomerRequest; provider: Provider }
    | { ok: false; decided: CustomerRequest }
    | { ok: false; refusal: Refusal }
  > {
    const provider = await this.deps.partnerships.getProviderBySlackTeam(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    // Named approvers or members of the approver user group, as for every partnership action.
    if (!(await this.deps.partnerships.isApprover(teamId, actor.userId))) {
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const request = await this.get(id);
    if (!request || request.providerId !== provider.partner.id) {
      return { ok: false, refusal: { kind: 'input', code: 'request-unknown' } };
    }
    if (request.state !== 'pending') return { ok: false, decided: request };
    return { ok: true, request, provider };
  }
}

/** An existing customer as the rules see it: the provider that lists it has a relationship with it (C2). */
function existingCustomerFacts(found: CustomerSummary, resellerTenantId: string, providerId: string): Customer {
  return {
    tenantId: found.tenantId,
    companyName: found.companyName,
    domain: found.domain.toLowerCase(),
    country: (found.country ?? '').toUpperCase(),
    // Partner Center lists no admin email; the billing contact names the customer well enough here.
    adminEmail: found.email ?? `admin@${found.domain.toLowerCase()}`,
    tenantType: 'customer',
    resellerId: resellerTenantId,
    providerId,
  };
}

function seller(p: PartnerDraft) {
  return {
    id: p.id,
    kind: p.kind,
    mpnId: p.mpnId,
    country: p.country ?? '',
    tenantId: p.tenantId ?? '',
    domains: p.domains,
    affiliates: p.affiliates,
    status: p.status,
  };
}
