/**
 * A licence-count change in the sandbox, refused where the real API refuses it: another partner's
 * customer, a count outside the offer's bounds, a partner of record that no longer validates (R1
 * covers changes to existing subscriptions since 1 December 2025), and a reduction of an NCE licence
 * subscription after the 7 days of NCE1. Apart from sandboxCustomers.ts, which orders and lists.
 */
import { isNceLicenceOffer, NCE_WINDOW_MS } from '../rules/newCommerceRules';
import { updateRecord } from '../storage/atomicStore';
import { SANDBOX_LEGACY_OFFER, SANDBOX_OFFERS } from './offerCatalogue';
import { POR_INVALID_CODE, porValidation } from './partnerOfRecordCauses';
import { keys, type SubscriptionRecord } from './sandboxRecords';
import { fail, type SandboxState } from './sandboxState';
import type { CustomerOperations } from './validatedSession';
import type { Subscription } from './gateway';
import { customerByTenantId } from './sandboxCustomerLookup';

/** A subscription as Partner Center shows it: its offer's name and when it was bought. */
export function shownSubscription(record: SubscriptionRecord): Subscription {
  const { createdAt, ...shown } = record;
  return {
    ...shown,
    offerName: [...SANDBOX_OFFERS, SANDBOX_LEGACY_OFFER].find((o) => o.id === record.offerId)?.name,
    creationDate: createdAt,
  };
}

export function licenceOperations(
  state: SandboxState,
  callerTenantId: string,
): Pick<CustomerOperations, 'changeQuantity'> {
  return {
    changeQuantity: async (customerTenantId, subscriptionId, quantity) => {
      const caller = await state.requirePartner(callerTenantId);
      await state.ready();
      const customer = await customerByTenantId(state.records, customerTenantId);
      if (customer?.billingPartnerTenantId !== callerTenantId) {
        throw fail('not-found', `Customer ${customerTenantId} was not found among your customers.`);
      }
      const key = keys.subscription(customerTenantId, subscriptionId);
      const current = await state.read<SubscriptionRecord>(key);
      if (!current) throw fail('not-found', `Subscription ${subscriptionId} was not found for this customer.`);
      const offer = SANDBOX_OFFERS.find((o) => o.id === current.offerId);
      if (offer && (quantity < offer.minimumQuantity || quantity > offer.maximumQuantity)) {
        throw fail(
          'invalid-input',
          `${offer.name} is sold in quantities of ${offer.minimumQuantity} to ${offer.maximumQuantity}.`,
        );
      }
      if (current.partnerIdOnRecord) {
        const cause = await state.porCause(caller, current.partnerIdOnRecord);
        const validation = porValidation(current.partnerIdOnRecord, cause);
        if (cause) throw fail(POR_INVALID_CODE, validation.errorDescription ?? '');
      }
      const reduced = quantity < current.quantity && isNceLicenceOffer(current.offerId);
      if (reduced && state.now() > Date.parse(current.createdAt) + NCE_WINDOW_MS) {
        throw fail(
          'invalid-input',
          'Licences can be reduced only within 7 days (168 hours) of purchase (new commerce).',
        );
      }
      const { value } = await updateRecord<SubscriptionRecord>(state.records, key, (stored) => {
        if (!stored) throw fail('not-found', `Subscription ${subscriptionId} was not found for this customer.`);
        return stored.quantity === quantity ? undefined : { ...stored, quantity };
      });
      return shownSubscription(value as SubscriptionRecord);
    },
  };
}
