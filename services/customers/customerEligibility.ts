/**
 * Whether a reseller may take a customer through a provider (C2, C7–C10, M1–M3, P1, P5): the facts the
 * rules need, gathered from the directory and the partnerships, then handed to the pure rules in
 * services/rules. Asked before any form, when a customer is chosen, at submission and again at approval,
 * so every step answers the same.
 */
import { type Customer, customerSchemaFor } from '../domain/customer';
import type { PartnerDraft } from '../domain/partner';
// A reseller the directory does not know yet is a new draft: nothing enrolled, nothing signed.
import { newDraft } from '../enrolment/enrolmentService';
import type { CustomerSummary } from '../partnerCenter/gateway';
import type { Provider, ProviderRow } from '../partnerships/types';
import type { Decision } from '../rules/decision';
import { mayAskForCustomers } from '../rules/customerGate';
import { mayTakeCustomer } from '../rules/mayTakeCustomer';
import { type CustomerRequestsDeps, inputRefusal, type NewCustomerInput, type Outcome } from './customerRequest';

export class CustomerEligibility {
  constructor(private readonly deps: Pick<CustomerRequestsDeps, 'partners' | 'partnerships' | 'regions'>) {}

  /** The customer as the rules see it: a domain owned by a known partner is that partner's CSP tenant (C8–C10). */
  private async customerFacts(customer: Customer) {
    const owner = await this.deps.partners.ownerOfDomain(customer.domain);
    return {
      partners: owner ? [owner] : [],
      customer: owner
        ? { ...customer, ownerPartnerId: owner.id, tenantType: 'partner-csp-tenant' as const }
        : { ...customer },
    };
  }

  /** mayTakeCustomer for this reseller, provider and customer (C2, C7–C10, M2, M3, P5). */
  async check(resellerTenantId: string, provider: Provider, customer: Customer): Promise<Decision> {
    const reseller = await this.deps.partners.get(resellerTenantId);
    const facts = await this.customerFacts(customer);
    // The two partnerships the rules read (P5: the reseller's; C10: the customer's owner's), by key: listing
    // the provider's every partnership read each reseller's record too, at each submission and approval.
    const ownerId = facts.customer.ownerPartnerId;
    const [own, owners] = await Promise.all([
      this.deps.partnerships.getPartnership(provider.partner.id, resellerTenantId),
      ownerId && ownerId !== resellerTenantId
        ? this.deps.partnerships.getPartnership(provider.partner.id, ownerId)
        : undefined,
    ]);
    const partnerships = [own, owners].filter((p) => p !== undefined);
    return mayTakeCustomer({
      provider: seller(provider.partner),
      reseller: seller(reseller ?? newDraft(resellerTenantId)),
      customer: facts.customer,
      partnerships,
      partners: facts.partners.map((p) => ({ id: p.id, tenantId: p.tenantId ?? '' })),
      regions: this.deps.regions,
    });
  }

  /** The same check for a provider given by id; undefined when there is no such provider. */
  async checkFor(resellerTenantId: string, providerId: string, customer: Customer): Promise<Decision | undefined> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    return provider ? this.check(resellerTenantId, provider, customer) : undefined;
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

  /** The customer fields as entered, validated (the admin email not on the reseller's own domains). */
  async validateCustomer(resellerTenantId: string, input: NewCustomerInput['customer']): Promise<Outcome<Customer>> {
    const reseller = await this.deps.partners.get(resellerTenantId);
    const parsed = customerSchemaFor(reseller?.domains ?? []).safeParse({
      ...input,
      country: String(input.country ?? '')
        .trim()
        .toUpperCase(),
    });
    if (!parsed.success) return inputRefusal(parsed.error);
    return { ok: true, value: parsed.data };
  }
}

/** An existing customer as the rules see it: the provider that lists it has a relationship with it (C2). */
export function existingCustomerFacts(found: CustomerSummary, resellerTenantId: string, providerId: string): Customer {
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

/** A partner as the rules take it: the fields they read, with the unknown ones empty. */
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
