/**
 * What a reseller can choose from, read from Partner Center as the provider sees it: the catalogue for
 * a country (C3), the reseller's existing customers and their subscriptions (C2, C5, C6), and the C1
 * link for a customer to authorise both at once. Read each time, never cached: the forms and the
 * approval must see what Partner Center holds now.
 */
import type {
  CustomerSummary,
  Offer,
  PartnerCenterSession,
  Subscription as PartnerCenterSubscription,
} from '../partnerCenter/gateway';
import type { Provider } from '../partnerships/types';
import { customerAgreementOnRecord } from './customerAgreement';
import type { CustomerRequestsDeps, Outcome } from './customerRequest';

export class CustomerLookups {
  constructor(private readonly deps: Pick<CustomerRequestsDeps, 'partnerships' | 'partnerCenter'>) {}

  /** The catalogue for a customer's country, as the provider sees it (C3). */
  async offers(providerId: string, country: string): Promise<Offer[]> {
    const session = await this.providerSession(providerId);
    return session ? session.listOffers(country) : [];
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

  /** MCA1: whether Partner Center holds the customer's acceptance of the MCA, as its provider reads it back. */
  async customerAgreementOnRecord(providerId: string, customerTenantId: string): Promise<boolean> {
    const session = await this.providerSession(providerId);
    return session ? customerAgreementOnRecord(session, customerTenantId) : false;
  }

  private async providerSession(providerId: string): Promise<PartnerCenterSession | undefined> {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    return provider?.partner.tenantId ? this.deps.partnerCenter.as(provider.partner.tenantId) : undefined;
  }
}
