import type { Partner } from '../domain/partner';
import { violation } from './codes';
import { allow, combine, type Decision, refuse } from './decision';
import { resellerMayBeTransactedWith } from './transactingRules';

type Transactor = Pick<Partner, 'id' | 'kind' | 'status'>;

/**
 * The early gate of a reseller's customer requests (P1, M2, M3, P5, M1): may this reseller ask any
 * distributor for a customer at all? Asked before any form, so nobody fills one in to be refused at
 * the end; mayTakeCustomer asks everything again, with the customer, at review, Submit and Approve.
 *
 * - M3 (with P1): onboarded into Partner Center and enrolled as an indirect reseller;
 * - M2: the MPA signed, as the partner directory has it from Partner Center;
 * - P5: an active partnership with at least one distributor (`partneredWith`: those distributors);
 * - M1: at least one of those distributors has signed the MPA itself.
 */
export function mayAskForCustomers(reseller: Transactor, partneredWith: readonly Transactor[]): Decision {
  const partnered =
    partneredWith.length > 0
      ? allow()
      : refuse([violation('P5.no-active-partnership', { resellerId: reseller.id, providerId: '', state: 'none' })]);
  const signed = partneredWith.some((provider) => provider.status.mpaSigned);
  const providersMpa =
    partneredWith.length === 0 || signed
      ? allow()
      : refuse(partneredWith.map((provider) => violation('M1.mpa-not-signed', { partnerId: provider.id })));
  return combine(resellerMayBeTransactedWith(reseller), partnered, providersMpa);
}
