import { AgreementErrorCode, CustomerAgreementErrorCode, type PartnerCenterErrorCode } from '../partnerCenter/errors';
import { option, violation } from './codes';
import { type Decision, refuse } from './decision';

/** What a refused customer request was about, for the facts its messages name. */
export interface RefusedRequestFacts {
  providerId: string;
  resellerId: string;
  /** The reseller's MPN ID the request put on record (P9), when it did. */
  resellerMpnId?: string;
  /** True for a new customer (C3); false for a change to an existing one (C5, C6). */
  newCustomer: boolean;
  customerDomain: string;
  customerTenantId?: string;
}

/**
 * Partner Center's refusal of an approved customer request, as the rule it enforces and the way
 * forward, so the rep reads the same reason the product's own checks give (M2 for an unsigned MPA,
 * P6 for another region, ...). Undefined for failures no rule explains (an outage, a rejected token,
 * a malformed field): the caller says those in its own words.
 */
export function partnerCenterRefusal(code: PartnerCenterErrorCode, facts: RefusedRequestFacts): Decision | undefined {
  const { providerId, resellerId } = facts;
  const mpnId = facts.resellerMpnId ?? '';
  switch (code) {
    case AgreementErrorCode.InvalidOrBothIds:
    case AgreementErrorCode.NoId:
      return refuse([violation('P9.reseller-mpn-id-missing', { resellerId })]);
    case AgreementErrorCode.MpnInvalidOrNotMigrated:
      return refuse([violation('M5.mpn-id-not-in-partner-center', { resellerId, mpnId })]);
    case AgreementErrorCode.RegionMismatch:
      return refuse(
        [violation('P6.partner-center-region-mismatch', { providerId, resellerId })],
        [option('E8.find-provider-in-region')],
      );
    case AgreementErrorCode.MpaNotSignedForRegion:
    case AgreementErrorCode.TenantNotSigned:
      return refuse([violation('M2.reseller-mpa-not-signed', { resellerId })]);
    case AgreementErrorCode.MpnNotIndirectReseller:
      return refuse([violation('P9.mpn-id-not-indirect-reseller', { resellerId, mpnId })]);
    case AgreementErrorCode.NoAccountForTenant:
      return refuse([violation('M3.not-onboarded', { partnerId: resellerId })]);
    case CustomerAgreementErrorCode.NotAttested:
      // MCA1: no order without the customer's acceptance; the reseller asks again with it.
      return refuse(
        [violation('MCA1.customer-agreement-not-attested', { domain: facts.customerDomain })],
        [option('MCA1.give-customer-agreement')],
      );
    case 'conflict':
      // T4: a customer that already has a tenant (and perhaps other partners) is invited, never refused.
      return facts.newCustomer
        ? refuse(
            [violation('T4.customer-tenant-exists', { domain: facts.customerDomain })],
            [option('C1.invite-customer'), option('T4.customer-keeps-other-partners')],
          )
        : undefined;
    case 'not-found':
      return facts.newCustomer
        ? refuse([violation('P5.no-active-partnership', { providerId, resellerId, state: 'none' })])
        : refuse(
            [violation('C2.no-reseller-relationship', { providerId, customerTenantId: facts.customerTenantId ?? '' })],
            [option('C1.invite-customer'), option('T4.customer-keeps-other-partners')],
          );
    default:
      return undefined;
  }
}
