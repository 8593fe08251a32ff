import { initialDomainPrefix } from '../domain/customerDomain';
import { keys, type CustomerRecord, type PartnerRecord, sandboxRecords } from '../partnerCenter/sandboxRecords';
import type { AtomicStore } from '../storage/atomicStore';
import { customerByTenantId } from '../partnerCenter/sandboxCustomerLookup';

/**
 * What the GDAP sandbox needs to know about the parties, read from the Partner Center sandbox in the same
 * store: whether a customer tenant exists, who is whose distributor, and whether a partner is suspended
 * (G4, the operator's R2 hold). Read only: Graph does not change Partner Center.
 */
export interface GdapPartyFacts {
  hasAccount(tenantId: string): Promise<boolean>;
  customer(customerTenantId: string): Promise<{ tenantId: string; displayName: string; domain: string } | undefined>;
  /** A customer by its domain (`contoso.onmicrosoft.com` or its prefix), for the operator's approve. */
  customerByDomain(domain: string): Promise<{ tenantId: string; displayName: string; domain: string } | undefined>;
  isIndirectProviderOf(providerTenantId: string, resellerTenantId: string): Promise<boolean>;
  isSuspended(tenantId: string): Promise<boolean>;
}

export function partnerCenterSandboxFacts(stored: AtomicStore): GdapPartyFacts {
  const records = sandboxRecords(stored);
  const customers = async () => (await records.list<CustomerRecord>(keys.allCustomers())).map((r) => r.value);
  const view = (c: CustomerRecord) => ({ tenantId: c.tenantId, displayName: c.companyName, domain: c.domain });
  return {
    hasAccount: async (tenantId) => (await records.read(keys.partner(tenantId.toLowerCase()))) !== undefined,
    customer: async (tenantId) => {
      const found = await customerByTenantId(records, tenantId);
      return found && view(found);
    },
    customerByDomain: async (domain) => {
      const wanted = domain.trim().toLowerCase();
      // The customer's own domain as the reseller gave it leads to its initial .onmicrosoft.com one (C3).
      const prefixes = new Set([wanted, initialDomainPrefix(wanted)]);
      const found = (await customers()).find(
        (c) => c.domain.toLowerCase() === wanted || prefixes.has(c.domain.toLowerCase().split('.')[0]),
      );
      return found && view(found);
    },
    isIndirectProviderOf: async (provider, reseller) =>
      (await records.read(keys.relationship(provider.toLowerCase(), reseller.toLowerCase()))) !== undefined,
    isSuspended: async (tenantId) =>
      (await records.read<PartnerRecord>(keys.partner(tenantId.toLowerCase())))?.value.porHold === 'suspended',
  };
}
