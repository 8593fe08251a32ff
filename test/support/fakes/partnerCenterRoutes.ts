import { PartnerCenterError } from '../../../services/partnerCenter/errors';
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import * as wire from '../../../services/partnerCenter/wire';
import { parseBody } from './fakeBody';
import { routeAgreements } from './partnerCenterAgreementRoutes';

/**
 * The Partner Center fake's route table: each documented path and method, its body parsed as the REST
 * API documents it, answered by the caller's sandbox session in the documented casing. Apart from
 * partnerCenterFake.ts, which adds the server, tokens, idempotent POSTs and faults around it.
 */
/** The documented routes; undefined for anything else (404). */
export async function routeToSession(
  session: PartnerCenterSession,
  method: string,
  url: URL,
  bodyText: string,
): Promise<unknown> {
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  const route = `${method} ${url.pathname}`;

  const agreement = await routeAgreements(session, method, url, bodyText);
  if (agreement !== undefined) return agreement;
  if (route === 'GET /v1/profiles/mpn') {
    const profile = await session.getMpnProfile(q('mpnId') ?? '');
    return profile satisfies wire.Wire<typeof wire.mpnProfileResponse>;
  }
  if (route === 'POST /v1/partners/validateresellers') {
    const { partnerIds } = parseBody(wire.validateResellersRequest, bodyText);
    const validationResults = await session.validateResellers(partnerIds);
    return { validationResults } satisfies wire.Wire<typeof wire.validateResellersResponse>;
  }
  if (route === 'GET /v1/compliance/csp/agreementstatus') {
    // Passed on as received: the session itself answers 2000 / 2001 for both or neither.
    const query = { mpnId: q('mpnId'), tenantId: q('tenantId') } as { mpnId: string };
    return (await session.getAgreementStatus(query)) satisfies wire.Wire<typeof wire.agreementStatusResponse>;
  }
  if (route === 'GET /v1/relationships') {
    const items = await session.listRelationships(q('relationship_type') as 'IsIndirectResellerOf');
    return {
      totalCount: items.length,
      items: items.map(({ tenantId, ...rest }) => ({ id: tenantId, ...rest })),
    } satisfies wire.Wire<typeof wire.relationshipsResponse>;
  }
  if (route === 'GET /v1/offers') {
    const items = await session.listOffers(q('country') ?? '');
    return { totalCount: items.length, items } satisfies wire.Wire<typeof wire.offersResponse>;
  }
  if (route === 'POST /v1/customers') {
    const body = parseBody(wire.customerRequest, bodyText);
    const address = body.BillingProfile.DefaultAddress;
    const customer = await session.createCustomer({
      associatedPartnerId: body.AssociatedPartnerId,
      companyName: body.BillingProfile.CompanyName,
      domain: body.CompanyProfile.Domain,
      country: address.Country,
      email: body.BillingProfile.Email,
      address: { line1: address.AddressLine1, city: address.City, postalCode: address.PostalCode },
      culture: body.BillingProfile.Culture,
      language: body.BillingProfile.Language,
    });
    return {
      id: customer.tenantId,
      companyProfile: { domain: customer.domain, companyName: customer.companyName },
      billingProfile: { defaultAddress: { country: customer.country } },
      associatedPartnerId: customer.associatedPartnerId,
      userCredentials: { userName: customer.adminUserName, password: customer.temporaryPassword },
    } satisfies wire.Wire<typeof wire.customerResponse>;
  }
  const orders = /^\/v1\/customers\/([^/]+)\/orders$/.exec(url.pathname);
  if (method === 'POST' && orders) {
    const body = parseBody(wire.orderRequest, bodyText);
    const [line] = body.LineItems;
    if (!line) throw new PartnerCenterError('invalid-input', 'An order needs a line item.');
    const subscription = await session.createSubscription(decodeURIComponent(orders[1]), {
      offerId: line.OfferId,
      quantity: line.Quantity,
      resellerMpnId: line.PartnerIdOnRecord,
    });
    return {
      id: subscription.orderId,
      referenceCustomerId: subscription.customerTenantId,
      lineItems: [
        {
          lineItemNumber: line.LineItemNumber,
          offerId: subscription.offerId,
          subscriptionId: subscription.id,
          quantity: subscription.quantity,
          partnerIdOnRecord: subscription.partnerIdOnRecord,
        },
      ],
    } satisfies wire.Wire<typeof wire.orderResponse>;
  }
  if (route === 'GET /v1/customers') {
    const filter = q('filter');
    let reseller: string | undefined;
    if (filter) {
      const parsed = JSON.parse(filter) as { Field?: string; Value?: string; Operator?: string };
      if (parsed.Field !== 'IndirectReseller' || parsed.Operator !== 'starts_with') {
        throw new PartnerCenterError('invalid-input', 'Unsupported customer filter.');
      }
      reseller = parsed.Value;
    }
    const items = await session.listCustomers({ indirectResellerTenantId: reseller });
    return {
      totalCount: items.length,
      items: items.map((c) => ({
        id: c.tenantId,
        companyProfile: { domain: c.domain, companyName: c.companyName },
        billingProfile: { email: c.email, defaultAddress: { country: c.country } },
        associatedPartnerId: c.associatedPartnerId,
      })),
    } satisfies wire.Wire<typeof wire.customersResponse>;
  }
  const subscriptions = /^\/v1\/customers\/([^/]+)\/subscriptions(?:\/([^/]+)(\/supportcontact)?)?$/.exec(url.pathname);
  if (subscriptions) {
    const customer = decodeURIComponent(subscriptions[1]);
    const id = subscriptions[2] === undefined ? undefined : decodeURIComponent(subscriptions[2]);
    const asResource = (s: Awaited<ReturnType<PartnerCenterSession['listSubscriptions']>>[number]) => ({
      id: s.id,
      offerId: s.offerId,
      offerName: s.offerName,
      quantity: s.quantity,
      orderId: s.orderId,
      partnerId: s.partnerIdOnRecord,
      creationDate: s.creationDate,
    });
    if (method === 'GET' && id === undefined) {
      const items = (await session.listSubscriptions(customer)).map(asResource);
      return { totalCount: items.length, items } satisfies wire.Wire<typeof wire.subscriptionsResponse>;
    }
    if (method === 'PATCH' && id && !subscriptions[3]) {
      const body = parseBody(wire.subscriptionPatchRequest, bodyText);
      const changed =
        body.Quantity !== undefined
          ? await session.changeQuantity(customer, id, body.Quantity)
          : await session.updatePartnerOfRecord(customer, id, body.PartnerId ?? '');
      return asResource(changed) satisfies wire.Wire<typeof wire.subscriptionResource>;
    }
    if (method === 'GET' && id && subscriptions[3]) {
      const found = (await session.listSubscriptions(customer)).find((s) => s.id === id);
      if (!found?.supportContact) throw new PartnerCenterError('not-found', 'No designated support contact.');
      return found.supportContact satisfies wire.Wire<typeof wire.supportContactResponse>;
    }
    if (method === 'PUT' && id && subscriptions[3]) {
      const body = parseBody(wire.supportContactRequest, bodyText);
      return (await session.setSupportContact(customer, id, {
        supportTenantId: body.SupportTenantId,
        supportMpnId: body.SupportMpnId,
        name: body.Name,
      })) satisfies wire.Wire<typeof wire.supportContactResponse>;
    }
  }
  if (route === 'GET /v1/customers/relationshiprequests') {
    return (await session.getCustomerRelationshipRequestLink({
      resellerTenantId: q('indirectResellerId') ?? '',
      providerTenantId: q('indirectCloudSolutionProviderId') ?? '',
    })) satisfies wire.Wire<typeof wire.relationshipRequestResponse>;
  }
  if (route === 'GET /v1/profiles/legalbusiness') {
    const p = await session.getLegalBusinessProfile();
    return {
      companyName: p.companyName,
      address: { country: p.country },
      primaryContact: { email: p.primaryContactEmail },
      vettingStatus: p.vettingStatus,
      vettingSubStatus: p.vettingSubStatus,
    } satisfies wire.Wire<typeof wire.legalBusinessResponse>;
  }
  return undefined;
}
