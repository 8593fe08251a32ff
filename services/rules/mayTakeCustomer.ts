import type { Customer } from '../domain/customer';
import type { Partner } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import {
  checkCustomerRegion,
  checkNotCspTenant,
  checkNotPartneredResellerAsCustomer,
  checkNotSelfOrAffiliate,
  checkProviderRelationship,
  mayBuyForOwnUse,
} from './customerRules';
import { combine, type Decision, refuse } from './decision';
import { checkActivePartnership, checkPartnerKinds, checkSameRegion } from './partnershipRules';
import { defaultRegionTable, type RegionTable } from './regionTable';
import { mayBeResellerOfRecord } from './resellerOfRecord';
import { providerMayTransactWith } from './transactingRules';

/** `mpnId`: the reseller's, which every request puts on record or names as support contact (P9). */
type Seller = Pick<Partner, 'id' | 'kind' | 'country' | 'tenantId' | 'domains' | 'affiliates' | 'status'> & {
  mpnId?: string;
};

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
 * the transacting gates (M1–M3), the reseller of record (P9), the partnership (P5, P6), and the
 * customer rules (C2, C7–C10). A reseller naming its own company is buying for its own use (C9).
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

  const ownUse = owner !== undefined && owner.id === reseller.id;

  return combine(
    checkPartnerKinds(provider, reseller),
    providerMayTransactWith(provider, reseller),
    mayBeResellerOfRecord(reseller, {}),
    checkActivePartnership(provider.id, reseller.id, partnerships),
    sameRegion,
    checkProviderRelationship(provider, customer),
    customerRegionReasons,
    ownUse
      ? mayBuyForOwnUse(reseller, customer, owner, 'reseller')
      : combine(checkNotSelfOrAffiliate(reseller, customer, 'reseller'), checkNotCspTenant(customer, owner)),
    checkNotSelfOrAffiliate(provider, customer, 'provider'),
    checkNotPartneredResellerAsCustomer(provider, customer, partnerships, owner),
  );
}
