import type {
  CustomerSummary,
  PartnerCenterGateway,
  Subscription as PartnerCenterSubscription,
} from '../partnerCenter/gateway';
import type { PartnershipService } from '../partnerships/partnershipService';
import type { Provider } from '../partnerships/types';

export interface CustomerWithSubscriptions {
  customer: CustomerSummary;
  subscriptions: PartnerCenterSubscription[];
}

/**
 * The customers associated with a reseller (C3, C4), read from Partner Center each time, so a customer
 * created on approval shows at once and one created in Partner Center's own portal shows too.
 */
export class ResellerCustomers {
  constructor(private readonly deps: { partnerships: PartnershipService; partnerCenter: PartnerCenterGateway }) {}

  private async session(providerId: string) {
    const provider = await this.deps.partnerships.getProviderById(providerId);
    return provider?.partner.tenantId ? this.deps.partnerCenter.as(provider.partner.tenantId) : undefined;
  }

  /**
   * How many customers each reseller has with this provider. A reseller whose count Partner Center
   * could not give is left out, so the caller can say "not known" rather than a wrong zero.
   */
  async counts(providerId: string, resellerIds: string[]): Promise<Map<string, number>> {
    const session = await this.session(providerId);
    const counts = new Map<string, number>();
    if (!session) return counts;
    await Promise.all(
      resellerIds.map(async (resellerId) => {
        const customers = await session.listCustomers({ indirectResellerTenantId: resellerId }).catch(() => undefined);
        if (customers) counts.set(resellerId, customers.length);
      }),
    );
    return counts;
  }

  /** One reseller's customers with this provider, each with its subscriptions (C5, C6, P9). */
  async of(providerId: string, resellerId: string): Promise<CustomerWithSubscriptions[]> {
    const session = await this.session(providerId);
    if (!session) return [];
    const customers = await session.listCustomers({ indirectResellerTenantId: resellerId });
    return Promise.all(
      customers.map(async (customer) => ({
        customer,
        subscriptions: await session.listSubscriptions(customer.tenantId),
      })),
    );
  }

  /** A reseller's customers across its active providers, for the reseller's own choice in Teams (C5). */
  async ofReseller(resellerTenantId: string): Promise<Array<{ provider: Provider; customers: CustomerSummary[] }>> {
    const rows = await this.deps.partnerships.listProviders(resellerTenantId);
    const out: Array<{ provider: Provider; customers: CustomerSummary[] }> = [];
    for (const row of rows) {
      if (row.partnership.state !== 'active') continue;
      const provider = await this.deps.partnerships.getProviderById(row.partnership.providerId);
      if (!provider?.partner.tenantId) continue;
      const customers = await this.deps.partnerCenter
        .as(provider.partner.tenantId)
        .listCustomers({ indirectResellerTenantId: resellerTenantId });
      out.push({ provider, customers });
    }
    return out;
  }
}
