import type { Customer } from '../domain/customer';
import type { Partner } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import {
  checkCustomerRegion,
  checkNotCspTenant,
  checkNotPartneredResellerAsCustomer,
  checkNotSelfOrAffiliate,
  checkProviderRelationship,
} from './customerRules';
import { combine, type Decision, refuse } from './decision';
import { checkActivePartnership, checkPartnerKinds, checkSameRegion } from './partnershipRules';
import { defaultRegionTable, type RegionTable } from './regionTable';
import { providerMayTransactWith } from './transactingRules';

type Seller = Pick<Partner, 'id' | 'kind' | 'country' | 'tenantId' | 'domains' | 'affiliates' | 'status'>;

export interface TakeCustomerQuestion {
  provider: Seller;
  reseller: Seller;
  customer: Pick<Customer, 'tenantId' | 'domain' | 'country' | 'tenantType' | 'ownerPartnerId' | 'providerId'>;
  /** Every known partnership of the provider (or more); history is fine, the active one counts. */
  partnerships: readonly Pick<Partnership, 'providerId' | 'resellerId' | 'state'>[];
  /** Partners the customer may belong to, so an owner's CSP tenant is recognised (C9, C10). */
  partners?: readonly Pick<Partner, 'id' | 'tenantId'>[];
  regions?: RegionTable;
}

/**
 * "May reseller Y, through provider X, take customer Z?" Every reason at once: the chain (T2),
 * the transacting gates (M1–M3), the partnership (P5, P6), and the customer rules (C2, C7–C10).
 */
export function mayTakeCustomer(question: TakeCustomerQuestion): Decision {
  const { provider, reseller, customer, partnerships } = question;
  const regions = question.regions ?? defaultRegionTable;
  const ownerId = customer.ownerPartnerId;
  const owner = ownerId ? [provider, reseller, ...(question.partners ?? [])].find((p) => p.id === ownerId) : undefined;

  const sameRegion = checkSameRegion(provider, reseller, regions);
  const customerRegion = checkCustomerRegion(reseller, customer, regions, 'reseller');
  // P6 already names a reseller country it cannot place; C7 saying it again would be noise.
  const resellerCountryReported = sameRegion.violations.some((v) => v.facts.party === 'reseller');
  const customerRegionReasons = resellerCountryReported
    ? refuse(
        customerRegion.violations.filter((v) => v.facts.party !== 'reseller'),
        customerRegion.options,
      )
    : customerRegion;

  return combine(
    checkPartnerKinds(provider, reseller),
    providerMayTransactWith(provider, reseller),
    checkActivePartnership(provider.id, reseller.id, partnerships),
    sameRegion,
    checkProviderRelationship(provider, customer),
    customerRegionReasons,
    checkNotSelfOrAffiliate(reseller, customer, 'reseller'),
    checkNotSelfOrAffiliate(provider, customer, 'provider'),
    checkNotCspTenant(customer, owner),
    checkNotPartneredResellerAsCustomer(provider, customer, partnerships, owner),
  );
}
