import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Customer, customerSchemaFor } from '../domain/customer';
import type { Actor } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import type { PartnerRequest, Requester } from '../domain/request';
import { partnerRequestSchema } from '../domain/request';
import { isSameOrSubdomain } from '../domain/identifiers';
import { isPartnerCenterError } from '../partnerCenter/errors';
import type { Offer, PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import type { PartnershipService } from '../partnerships/partnershipService';
import type { Provider, Refusal } from '../partnerships/types';
import type { Decision } from '../rules/decision';
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

/** A request as stored: never the temporary password, never the admin user name (C3). */
export interface CustomerRequest extends PartnerRequest {
  address: BillingAddress;
  /** Where the distributor's approval message is, so it can be updated (Slack channel and ts). */
  message?: { channel: string; ts: string };
  /** What Partner Center created on approval. */
  result?: { customerTenantId: string; customerDomain: string; subscriptionIds: string[] };
  /** Why Partner Center could not do it after approval (an error code, no secret). */
  failure?: string;
}

/** What the approving rep alone sees, once (C3). Returned, never stored, never logged. */
export interface OneTimeCredentials {
  adminUserName: string;
  temporaryPassword: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export type DecideOutcome<T> =
  | { ok: true; request: CustomerRequest; value: T }
  | { ok: false; decided: CustomerRequest }
  | { ok: false; refusal: Refusal; request?: CustomerRequest };

export interface CustomerRequestsDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  partnerships: PartnershipService;
  partnerCenter: PartnerCenterGateway;
  regions: RegionTable;
  now?: () => Date;
}

const KEYS = {
  request: (id: string) => `customers:request:${id}`,
  requests: 'customers:request:',
};

/** Partner Center's initial domain prefix (`<prefix>.onmicrosoft.com`) from the customer's own domain. */
export function initialDomainPrefix(domain: string): string {
  const prefix = domain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 27)
    .replace(/-+$/, '');
  return prefix.length >= 3 ? prefix : `${prefix}csp`.slice(0, 27);
}

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
      reseller: seller(
        reseller ?? {
          id: resellerTenantId,
          kind: 'indirect-reseller',
          tenantId: resellerTenantId,
          affiliates: [],
          domains: [],
          status: { enrolment: 'not-started', verification: 'None', mpaSigned: false, onboardedInPartnerCenter: false },
        },
      ),
      customer: facts.customer,
      partnerships: own && !partnerships.includes(own) ? [...partnerships, own] : partnerships,
      partners: facts.partners.map((p) => ({ id: p.id, tenantId: p.tenantId ?? '' })),
      regions: this.deps.regions,
    });
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

  /** The reseller asks its provider to create a new customer (C3); the rules run first. */
  async submit(requester: Requester, input: NewCustomerInput): Promise<Outcome<CustomerRequest>> {
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
    const reseller = await this.deps.partners.get(requester.tenantId);
    const parsed = partnerRequestSchema.safeParse({
      id: randomUUID(),
      kind: 'new-customer',
      requestedBy: requester,
      resellerId: requester.tenantId,
      providerId: provider.partner.id,
      customer: { ...customer.value, resellerId: requester.tenantId, providerId: provider.partner.id },
      // P9: the reseller's MPN ID on record, so it earns its incentives.
      subscriptions: input.subscriptions.map((s) => ({ ...s, resellerMpnIdOnRecord: reseller?.mpnId })),
      state: 'pending',
      createdAt: this.now().toISOString(),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
    }
    const request: CustomerRequest = { ...parsed.data, address: address.data };
    await this.deps.records.compareAndSet(KEYS.request(request.id), undefined, request);
    return { ok: true, value: request };
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
   * of a race learns who decided and when), then Partner Center creates the customer associated with
   * the reseller (C3, C4) and each subscription with the reseller's MPN ID on record (P9). The
   * credentials are returned to the caller and kept nowhere.
   */
  async approve(teamId: string, id: string, actor: Actor): Promise<DecideOutcome<OneTimeCredentials>> {
    const gate = await this.gate(teamId, id, actor);
    if (!gate.ok) return gate;
    const { request, provider } = gate;
    const decision = await this.check(request.resellerId, provider, request.customer);
    if (!decision.allowed) {
      return {
        ok: false,
        request,
        refusal: { kind: 'rules', violations: decision.violations, options: decision.options },
      };
    }
    const at = this.now().toISOString();
    const claimed = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
      current?.state === 'pending' ? { ...current, state: 'approved', decision: { by: actor, at } } : undefined,
    );
    if (!claimed.changed) return { ok: false, decided: claimed.value as CustomerRequest };

    const session = this.deps.partnerCenter.as(provider.partner.tenantId ?? '');
    try {
      const created = await session.createCustomer({
        associatedPartnerId: request.resellerId,
        companyName: request.customer.companyName,
        domain: initialDomainPrefix(request.customer.domain),
        country: request.customer.country,
        email: request.customer.adminEmail,
        address: request.address,
      });
      const subscriptionIds: string[] = [];
      for (const s of request.subscriptions) {
        const sub = await session.createSubscription(created.tenantId, {
          offerId: s.offerId,
          quantity: s.licences,
          resellerMpnId: s.resellerMpnIdOnRecord,
        });
        subscriptionIds.push(sub.id);
      }
      const result = { customerTenantId: created.tenantId, customerDomain: created.domain, subscriptionIds };
      const done = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
        current ? { ...current, customer: { ...current.customer, tenantId: created.tenantId }, result } : undefined,
      );
      return {
        ok: true,
        request: done.value as CustomerRequest,
        value: { adminUserName: created.adminUserName, temporaryPassword: created.temporaryPassword },
      };
    } catch (error) {
      const code = isPartnerCenterError(error) ? String(error.code) : 'unexpected';
      const failed = await updateRecord<CustomerRequest>(this.deps.records, KEYS.request(id), (current) =>
        current ? { ...current, state: 'failed', failure: code } : undefined,
      );
      return {
        ok: false,
        request: failed.value as CustomerRequest,
        refusal: { kind: 'input', code: 'partner-center-failed' },
      };
    }
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
    if (!provider.settings.approverUserIds.includes(actor.userId)) {
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

function seller(p: PartnerDraft) {
  return {
    id: p.id,
    kind: p.kind,
    country: p.country ?? '',
    tenantId: p.tenantId ?? '',
    domains: p.domains,
    affiliates: p.affiliates,
    status: p.status,
  };
}
