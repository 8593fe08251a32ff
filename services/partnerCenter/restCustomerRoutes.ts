import type { z } from 'zod';
import { isPartnerCenterError } from './errors';
import type { Subscription } from './gateway';
import type { RestCall } from './restTransport';
import type { CustomerOperations } from './validatedSession';
import * as wire from './wire';

/**
 * The REST client's routes for customers and orders: the offer catalogue, customers created for a
 * reseller (C3), orders and subscriptions with their partner of record (M2, P9) and support contact (C6),
 * and the customer's invitation link to a reseller (C1).
 */
export function customerRoutes(call: RestCall): CustomerOperations {
  return {
    listOffers: async (country) => {
      const { items } = await call({ method: 'GET', path: '/v1/offers', query: { country } }, wire.offersResponse);
      return items;
    },

    createCustomer: async (input) => {
      const body: wire.Wire<typeof wire.customerRequest> = {
        CompanyProfile: { Domain: `${input.domain}.onmicrosoft.com` },
        BillingProfile: {
          Email: input.email,
          Culture: input.culture,
          Language: input.language,
          CompanyName: input.companyName,
          DefaultAddress: {
            Country: input.country,
            City: input.address.city,
            AddressLine1: input.address.line1,
            PostalCode: input.address.postalCode,
          },
        },
        AssociatedPartnerId: input.associatedPartnerId,
      };
      const customer = await call(
        { method: 'POST', path: '/v1/customers', body, requestId: input.requestId },
        wire.customerResponse,
      );
      return {
        tenantId: customer.id,
        companyName: customer.companyProfile.companyName,
        domain: customer.companyProfile.domain,
        country: customer.billingProfile.defaultAddress.country,
        associatedPartnerId: customer.associatedPartnerId,
        adminUserName: customer.userCredentials.userName,
        temporaryPassword: customer.userCredentials.password || undefined,
      };
    },

    createSubscription: async (customerTenantId, input) => {
      const body: wire.Wire<typeof wire.orderRequest> = {
        ReferenceCustomerId: customerTenantId,
        BillingCycle: 'monthly',
        LineItems: [
          {
            LineItemNumber: 0,
            OfferId: input.offerId,
            Quantity: input.quantity,
            PartnerIdOnRecord: input.resellerMpnId,
          },
        ],
      };
      const order = await call(
        {
          method: 'POST',
          path: `/v1/customers/${encodeURIComponent(customerTenantId)}/orders`,
          body,
          requestId: input.requestId,
        },
        wire.orderResponse,
      );
      const [line] = order.lineItems;
      return {
        id: line.subscriptionId,
        orderId: order.id,
        customerTenantId: order.referenceCustomerId,
        offerId: line.offerId,
        quantity: line.quantity,
        partnerIdOnRecord: line.partnerIdOnRecord,
      };
    },

    listCustomers: async ({ indirectResellerTenantId }) => {
      const filter = indirectResellerTenantId
        ? JSON.stringify({ Field: 'IndirectReseller', Value: indirectResellerTenantId, Operator: 'starts_with' })
        : undefined;
      const { items } = await call(
        { method: 'GET', path: '/v1/customers', query: { size: '500', filter } },
        wire.customersResponse,
      );
      return items.map((c) => ({
        tenantId: c.id,
        companyName: c.companyProfile.companyName,
        domain: c.companyProfile.domain,
        country: c.billingProfile?.defaultAddress?.country,
        associatedPartnerId: c.associatedPartnerId,
        email: c.billingProfile?.email,
      }));
    },

    listSubscriptions: async (customerTenantId) => {
      const base = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions`;
      const { items } = await call({ method: 'GET', path: base }, wire.subscriptionsResponse);
      // The designated support contact is its own resource; a subscription without one answers 404.
      return Promise.all(
        items.map(async (item) => {
          const contact = await call(
            { method: 'GET', path: `${base}/${encodeURIComponent(item.id)}/supportcontact` },
            wire.supportContactResponse,
          ).catch((error: unknown) => {
            if (isPartnerCenterError(error) && error.code === 'not-found') return undefined;
            throw error;
          });
          return { ...fromSubscriptionResource(customerTenantId, item), supportContact: contact };
        }),
      );
    },

    updatePartnerOfRecord: async (customerTenantId, subscriptionId, resellerMpnId) => {
      const body: wire.Wire<typeof wire.subscriptionPatchRequest> = { PartnerId: resellerMpnId };
      const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
      const item = await call({ method: 'PATCH', path, body }, wire.subscriptionResource);
      return fromSubscriptionResource(customerTenantId, item);
    },

    changeQuantity: async (customerTenantId, subscriptionId, quantity) => {
      const body: wire.Wire<typeof wire.subscriptionPatchRequest> = { Quantity: quantity };
      const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
      const item = await call({ method: 'PATCH', path, body }, wire.subscriptionResource);
      return fromSubscriptionResource(customerTenantId, item);
    },

    setSupportContact: async (customerTenantId, subscriptionId, contact) => {
      const body: wire.Wire<typeof wire.supportContactRequest> = {
        SupportTenantId: contact.supportTenantId,
        SupportMpnId: contact.supportMpnId,
        Name: contact.name,
      };
      const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions/${encodeURIComponent(subscriptionId)}/supportcontact`;
      return call({ method: 'PUT', path, body }, wire.supportContactResponse);
    },

    getCustomerRelationshipRequestLink: async ({ resellerTenantId, providerTenantId }) =>
      call(
        {
          method: 'GET',
          path: '/v1/customers/relationshiprequests',
          query: { indirectResellerId: resellerTenantId, indirectCloudSolutionProviderId: providerTenantId },
        },
        wire.relationshipRequestResponse,
      ),
  };
}

function fromSubscriptionResource(
  customerTenantId: string,
  item: z.output<typeof wire.subscriptionResource>,
): Subscription {
  return {
    id: item.id,
    orderId: item.orderId,
    customerTenantId,
    offerId: item.offerId,
    offerName: item.offerName,
    quantity: item.quantity,
    partnerIdOnRecord: item.partnerId,
    ...(item.creationDate ? { creationDate: item.creationDate } : {}),
  };
}
