import { randomUUID } from 'node:crypto';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import type { CustomerSummary, Subscription } from './gateway';
import { CustomerAgreementErrorCode } from './errors';
import { SANDBOX_LEGACY_OFFER, SANDBOX_OFFERS } from './offerCatalogue';
import { customerByTenantId, pointToCustomer } from './sandboxCustomerLookup';
import { licenceOperations, shownSubscription } from './sandboxLicences';
import {
  type CustomerRecord,
  keys,
  type PartnerRecord,
  type RelationshipRecord,
  type SubscriptionRecord,
} from './sandboxRecords';
import { fail, refuseCompanyName, type SandboxState } from './sandboxState';
import { generateTemporaryPassword } from './temporaryPassword';
import type { CustomerOperations } from './validatedSession';

/**
 * The sandbox's customers and orders, as one caller sees them: the offer catalogue, customers a provider
 * creates for its resellers (C3, C7) and their subscriptions (M2, P9 partner of record; C6 support
 * contact), and the customer's invitation link to a reseller (C1). The partner directory is
 * sandboxPartners.ts's.
 */
/** Where the real Partner Center sends the customer to accept an indirect reseller's invitation (C1). */
const INVITATION_BASE = 'https://admin.microsoft.com/Adminportal/Home';

/** A customer the caller may see: the provider that bills it, or the reseller associated with it. */
export async function visibleCustomer(
  state: SandboxState,
  callerTenantId: string,
  customerTenantId: string,
  billingOnly = false,
): Promise<CustomerRecord> {
  await state.ready();
  const customer = await customerByTenantId(state.records, customerTenantId);
  const visible =
    customer &&
    (customer.billingPartnerTenantId === callerTenantId ||
      (!billingOnly && customer.associatedPartnerId === callerTenantId));
  if (!visible) throw fail('not-found', `Customer ${customerTenantId} was not found among your customers.`);
  return customer;
}

export function customerOperations(state: SandboxState, callerTenantId: string): CustomerOperations {
  const customerFor = (customerTenantId: string, billingOnly = false) =>
    visibleCustomer(state, callerTenantId, customerTenantId, billingOnly);

  const subscriptionOf = async (customerTenantId: string, subscriptionId: string): Promise<SubscriptionRecord> => {
    const subscription = await state.read<SubscriptionRecord>(keys.subscription(customerTenantId, subscriptionId));
    if (!subscription) throw fail('not-found', `Subscription ${subscriptionId} was not found for this customer.`);
    return subscription;
  };

  return {
    ...licenceOperations(state, callerTenantId),
    listOffers: async () => {
      await state.requirePartner(callerTenantId);
      return SANDBOX_OFFERS.map((offer) => ({ ...offer }));
    },

    createCustomer: async (input) => {
      const caller = await state.requirePartner(callerTenantId);
      if (caller.accountType !== 'indirect-provider') {
        throw fail('unauthorized', 'Only an indirect provider adds customers on a reseller\u2019s behalf (C3).');
      }
      const relationship = await state.read<RelationshipRecord>(
        keys.relationship(callerTenantId, input.associatedPartnerId),
      );
      if (!relationship)
        throw fail('not-found', `Tenant ${input.associatedPartnerId} is not one of your indirect resellers (P1).`);
      if (!state.sameRegion(input.country, caller.country)) {
        throw fail('invalid-input', `A customer in ${input.country} is outside your region (C7).`);
      }
      refuseCompanyName(input.companyName);
      const domain = `${input.domain}.onmicrosoft.com`;
      const customer: CustomerRecord = {
        tenantId: randomUUID(),
        companyName: input.companyName,
        domain,
        country: input.country,
        email: input.email,
        associatedPartnerId: input.associatedPartnerId,
        billingPartnerTenantId: callerTenantId,
        adminUserName: `admin@${domain}`,
        createdAt: new Date(state.now()).toISOString(),
        requestId: input.requestId,
      };
      const shown = ({
        email: _e,
        billingPartnerTenantId: _b,
        createdAt: _a,
        requestId: _r,
        ...rest
      }: CustomerRecord) => rest;
      // One write both creates the customer and claims its domain: no half-created customer, no duplicate.
      const created = await state.records.compareAndSet(keys.customer(input.domain), undefined, customer);
      if (created !== undefined) await pointToCustomer(state.records, customer);
      if (created === undefined) {
        // As Partner Center honours MS-RequestId: the same request again is the customer it created, once;
        // the temporary password was in the first answer only (never kept, C3).
        const existing = await state.read<CustomerRecord>(keys.customer(input.domain));
        if (input.requestId && existing?.requestId === input.requestId) return shown(existing);
        throw fail('conflict', `The domain ${domain} is already taken.`);
      }
      return { ...shown(customer), temporaryPassword: generateTemporaryPassword() };
    },

    createSubscription: async (customerTenantId, input) => {
      const caller = await state.requirePartner(callerTenantId);
      const customer = await customerByTenantId(state.records, customerTenantId);
      if (!customer || customer.billingPartnerTenantId !== callerTenantId) {
        throw fail('not-found', `Customer ${customerTenantId} was not found among your customers.`);
      }
      const offer = SANDBOX_OFFERS.find((o) => o.id === input.offerId);
      if (!offer) throw fail('not-found', `Offer ${input.offerId} is not in the catalogue.`);
      if (input.quantity < offer.minimumQuantity || input.quantity > offer.maximumQuantity) {
        throw fail(
          'invalid-input',
          `${offer.name} is sold in quantities of ${offer.minimumQuantity} to ${offer.maximumQuantity}.`,
        );
      }
      // MCA1: Partner Center takes no order for a customer whose acceptance of the MCA is not attested.
      if ((await state.list(keys.agreementsOf(customerTenantId))).length === 0) {
        throw fail(
          CustomerAgreementErrorCode.NotAttested,
          `Customer ${customerTenantId} has not accepted the Microsoft Customer Agreement (MCA1).`,
        );
      }
      if (input.resellerMpnId) {
        // M2, P9: the partner of record must be a reseller that may transact with this provider.
        const check = await state.checkReseller(caller, input.resellerMpnId);
        if (!check.ok) throw fail(check.code, check.description);
      }
      // The sandbox names a subscription after the MS-RequestId that ordered it, so the same id orders once.
      const subscription: SubscriptionRecord = {
        id: input.requestId ?? randomUUID(),
        orderId: randomUUID(),
        customerTenantId,
        offerId: offer.id,
        quantity: input.quantity,
        partnerIdOnRecord: input.resellerMpnId,
        createdAt: new Date(state.now()).toISOString(),
      };
      const ordered = await state.records.compareAndSet(
        keys.subscription(customerTenantId, subscription.id),
        undefined,
        subscription,
      );
      const { offerName: _name, ...shown } = shownSubscription(
        ordered === undefined
          ? ((await state.read<SubscriptionRecord>(keys.subscription(customerTenantId, subscription.id))) ??
              subscription)
          : subscription,
      );
      // An order's line names no offer (gateway.ts): only a listing does.
      return shown;
    },

    listCustomers: async ({ indirectResellerTenantId }) => {
      const caller = await state.requirePartner(callerTenantId);
      const all = await state.list<CustomerRecord>(keys.allCustomers());
      const mine =
        caller.accountType === 'indirect-provider'
          ? all.filter(
              (c) =>
                c.billingPartnerTenantId === callerTenantId &&
                (!indirectResellerTenantId || c.associatedPartnerId === indirectResellerTenantId),
            )
          : all.filter((c) => c.associatedPartnerId === callerTenantId);
      return mine
        .map((c): CustomerSummary => ({
          tenantId: c.tenantId,
          companyName: c.companyName,
          domain: c.domain,
          country: c.country,
          associatedPartnerId: c.associatedPartnerId,
          email: c.email,
        }))
        .sort((a, b) => a.companyName.localeCompare(b.companyName) || a.tenantId.localeCompare(b.tenantId));
    },

    listSubscriptions: async (customerTenantId) => {
      await state.requirePartner(callerTenantId);
      await customerFor(customerTenantId);
      const subscriptions = await state.list<SubscriptionRecord>(keys.subscriptionsOf(customerTenantId));
      return subscriptions
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map(shownSubscription);
    },

    updatePartnerOfRecord: async (customerTenantId, subscriptionId, resellerMpnId) => {
      const caller = await state.requirePartner(callerTenantId);
      await customerFor(customerTenantId, true);
      const subscription = await subscriptionOf(customerTenantId, subscriptionId);
      // M2, P9: the same check Partner Center makes when an order names a partner of record.
      const check = await state.checkReseller(caller, resellerMpnId);
      if (!check.ok) throw fail(check.code, check.description);
      return updateSubscription(state.records, subscription, (current) => ({
        ...current,
        partnerIdOnRecord: resellerMpnId,
      }));
    },

    setSupportContact: async (customerTenantId, subscriptionId, contact) => {
      await state.requirePartner(callerTenantId);
      await customerFor(customerTenantId, true);
      const subscription = await subscriptionOf(customerTenantId, subscriptionId);
      const relationship = await state.read<RelationshipRecord>(
        keys.relationship(callerTenantId, contact.supportTenantId),
      );
      if (!relationship) {
        throw fail('not-found', `Tenant ${contact.supportTenantId} is not one of your indirect resellers (C6).`);
      }
      const reseller = await state.read<PartnerRecord>(keys.partner(contact.supportTenantId));
      if (reseller?.mpnId !== contact.supportMpnId) {
        throw fail('invalid-input', `MPN ID ${contact.supportMpnId} is not that reseller's.`);
      }
      const updated = await updateSubscription(state.records, subscription, (current) => ({
        ...current,
        supportContact: contact,
      }));
      return updated.supportContact ?? contact;
    },

    getCustomerRelationshipRequestLink: async ({ resellerTenantId, providerTenantId }) => {
      await state.requirePartner(callerTenantId);
      if (callerTenantId !== resellerTenantId && callerTenantId !== providerTenantId) {
        throw fail('unauthorized', 'Only the reseller or its provider may ask for this invitation link.');
      }
      const relationship = await state.read<RelationshipRecord>(keys.relationship(providerTenantId, resellerTenantId));
      const reseller = await state.read<PartnerRecord>(keys.partner(resellerTenantId));
      if (!relationship || !reseller)
        throw fail('not-found', 'There is no relationship between this reseller and provider.');
      const url = new URL(INVITATION_BASE);
      url.searchParams.set('invType', 'IndirectResellerRelationship');
      url.searchParams.set('partnerId', resellerTenantId);
      url.searchParams.set('msppId', reseller.mpnId);
      url.searchParams.set('indirectCSPId', providerTenantId);
      url.hash = '/BillingAccounts/partner-invitation';
      return { url: url.toString() };
    },
  };
}

/**
 * The operator's stand-in for a subscription bought before new commerce (NCE2): a legacy offer for one of
 * the provider's customers, as Partner Center still lists such subscriptions. Nothing orders it any more.
 */
export async function addLegacySubscription(
  state: SandboxState,
  providerTenantId: string,
  customerTenantId: string,
  quantity: number,
): Promise<Subscription> {
  await visibleCustomer(state, providerTenantId, customerTenantId, true);
  const subscription: SubscriptionRecord = {
    id: randomUUID(),
    orderId: randomUUID(),
    customerTenantId,
    offerId: SANDBOX_LEGACY_OFFER.id,
    quantity,
    createdAt: new Date(state.now()).toISOString(),
  };
  await state.records.compareAndSet(keys.subscription(customerTenantId, subscription.id), undefined, subscription);
  return shownSubscription(subscription);
}

async function updateSubscription(
  records: AtomicStore,
  record: SubscriptionRecord,
  change: (current: SubscriptionRecord) => SubscriptionRecord,
): Promise<Subscription> {
  const { value } = await updateRecord<SubscriptionRecord>(
    records,
    keys.subscription(record.customerTenantId, record.id),
    (current) => {
      if (!current) throw fail('not-found', `Subscription ${record.id} was not found for this customer.`);
      return change(current);
    },
  );
  return shownSubscription(value as SubscriptionRecord);
}
