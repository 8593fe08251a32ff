import type { Customer } from '../domain/customer';
import { isSameOrSubdomain } from '../domain/identifiers';
import type { Partner } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import { option, violation } from './codes';
import { allow, type Decision, refuse, type Violation } from './decision';
import { findPartnership } from './partnershipRules';
import { locate, type Party } from './regionRules';
import { defaultRegionTable, type RegionTable } from './regionTable';

type CustomerFacts = Pick<Customer, 'tenantId' | 'domain' | 'country' | 'tenantType' | 'ownerPartnerId' | 'providerId'>;
type Owner = Pick<Partner, 'id' | 'tenantId'>;

const sameTenant = (a: string | undefined, b: string | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/**
 * C2: a provider must have a reseller relationship with a customer to submit orders for it.
 * Adding a new customer (no tenant yet, C3) creates that relationship; an existing tenant must
 * already have it, or the reseller invites the customer, who then authorises both (C1). T4: the
 * customer may already work with other partners; that is never a reason to refuse it, and the
 * invitation adds this reseller and provider beside them.
 */
export function checkProviderRelationship(provider: Pick<Partner, 'id'>, customer: CustomerFacts): Decision {
  if (!customer.tenantId || customer.providerId === provider.id) return allow();
  return refuse(
    [violation('C2.no-reseller-relationship', { providerId: provider.id, customerTenantId: customer.tenantId })],
    [option('C1.invite-customer'), option('T4.customer-keeps-other-partners')],
  );
}

/** C7 (003 scenario 7): a partner can only sell to customers in its own region. */
export function checkCustomerRegion(
  seller: Pick<Partner, 'country'>,
  customer: Pick<Customer, 'country'>,
  regions: RegionTable = defaultRegionTable,
  sellerParty: Party = 'partner',
): Decision {
  const s = locate('C7', sellerParty, seller.country, regions);
  const c = locate('C7', 'customer', customer.country, regions);
  if (!s.region || !c.region) return refuse([...s.violations, ...c.violations]);
  if (s.region === c.region) return allow();
  return refuse([
    violation('C7.different-region', {
      partnerCountry: seller.country,
      partnerRegion: s.region,
      customerCountry: customer.country,
      customerRegion: c.region,
    }),
  ]);
}

/** How a customer turns out to be the partner itself, if it does (C8's facts say which). */
function howCustomerIsPartner(
  partner: Pick<Partner, 'id' | 'tenantId' | 'domains'>,
  customer: CustomerFacts,
): 'owner' | 'tenant' | 'domain' | undefined {
  if (customer.ownerPartnerId === partner.id) return 'owner';
  if (sameTenant(customer.tenantId, partner.tenantId)) return 'tenant';
  if (partner.domains.some((own) => isSameOrSubdomain(customer.domain, own))) return 'domain';
  return undefined;
}

/**
 * C8 (003 scenario 5): by contract a partner may not sell to itself or to its affiliates as end
 * customers. "Itself" is the same tenant, one of its own domains, or its own company record;
 * affiliates are listed by partner id, tenant id or domain.
 */
export function checkNotSelfOrAffiliate(
  partner: Pick<Partner, 'id' | 'tenantId' | 'domains' | 'affiliates'>,
  customer: CustomerFacts,
  party: Party = 'partner',
): Decision {
  const self = howCustomerIsPartner(partner, customer);
  if (self) {
    return refuse([violation('C8.customer-is-partner-itself', { party, partnerId: partner.id, matchedOn: self })]);
  }
  const affiliate = partner.affiliates.find(
    (a) =>
      a === customer.ownerPartnerId ||
      sameTenant(a, customer.tenantId) ||
      (a.includes('.') && isSameOrSubdomain(customer.domain, a)),
  );
  if (affiliate) {
    return refuse([violation('C8.customer-is-affiliate', { party, partnerId: partner.id, affiliate })]);
  }
  return allow();
}

/** Whether the customer tenant is the CSP tenant of the partner that owns it (C9, C10). */
export function isPartnersCspTenant(customer: CustomerFacts, owner?: Owner): boolean {
  return customer.tenantType === 'partner-csp-tenant' || sameTenant(customer.tenantId, owner?.tenantId);
}

/**
 * C9 (003 scenario 4; 002): services a partner buys for its own use go into a separate tenant of
 * Customer type, never into the tenant it uses for CSP.
 */
export function checkNotCspTenant(customer: CustomerFacts, owner?: Owner): Decision {
  if (!isPartnersCspTenant(customer, owner)) return allow();
  return refuse(
    [
      violation('C9.partner-csp-tenant', {
        ownerPartnerId: customer.ownerPartnerId ?? owner?.id ?? '',
        tenantId: customer.tenantId ?? '',
      }),
    ],
    [option('C9.use-separate-customer-tenant')],
  );
}

/**
 * C9 (003 scenario 4): a partner buying for its own use buys as a customer from an indirect
 * reseller or a direct-bill partner, into a separate Customer-type tenant. Also refuses a sale
 * to the seller itself or its affiliates (C8). `party` names the seller in the messages.
 */
export function mayBuyForOwnUse(
  seller: Pick<Partner, 'id' | 'kind' | 'tenantId' | 'domains' | 'affiliates'>,
  customer: CustomerFacts,
  owner?: Owner,
  party: Party = 'partner',
): Decision {
  const violations: Violation[] = [];
  if (seller.kind === 'indirect-provider') {
    violations.push(violation('C9.own-use-seller-not-allowed', { sellerId: seller.id }));
  }
  const tenant = checkNotCspTenant(customer, owner);
  const notSelf = checkNotSelfOrAffiliate(seller, customer, party);
  // "This is your own company" (C8) first: it is what the reader recognises; C9 then says where to buy instead.
  return refuse([...violations, ...notSelf.violations, ...tenant.violations], tenant.options);
}

/**
 * C10 (003 scenario 6): a reseller with a provider–reseller relationship with provider X cannot
 * also become X's customer. Its options, as the seed gives them: (1) a separate tenant, since the
 * relationship is held by the reseller's CSP tenant; (2) end the relationship with X through
 * Microsoft Support, resell through another provider and buy for its own use from a direct-bill
 * partner; (3) keep the *customer* relationship with X and resell through another provider (the
 * seed, not DOMAIN.md's "keep X", which would leave the conflict in place).
 */
export function checkNotPartneredResellerAsCustomer(
  provider: Pick<Partner, 'id'>,
  customer: CustomerFacts,
  partnerships: readonly Pick<Partnership, 'providerId' | 'resellerId' | 'state'>[],
  owner?: Owner,
): Decision {
  const ownerId = customer.ownerPartnerId ?? owner?.id;
  if (!ownerId) return allow();
  if (findPartnership(partnerships, provider.id, ownerId)?.state !== 'active') return allow();
  if (!isPartnersCspTenant(customer, owner)) return allow();
  return refuse(
    [violation('C10.reseller-cannot-be-provider-customer', { resellerId: ownerId, providerId: provider.id })],
    [
      option('C10.separate-tenant'),
      option('C10.end-relationship-via-support-and-use-another-provider'),
      option('C10.stay-customer-and-resell-through-another-provider'),
    ],
  );
}
