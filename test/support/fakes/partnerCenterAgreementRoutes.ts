/**
 * The Partner Center fake's Microsoft Customer Agreement routes (MCA1), beside partnerCenterRoutes.ts:
 * the template, the attestation and its read-back, in the REST reference's paths and casing, answered
 * by the caller's sandbox session.
 */
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import type * as wire from '../../../services/partnerCenter/wire';
import * as agreements from '../../../services/partnerCenter/wireAgreements';
import { parseBody } from './fakeBody';

/** The answer to an agreement route, or undefined when the request is not one. */
export async function routeAgreements(
  session: PartnerCenterSession,
  method: string,
  url: URL,
  bodyText: string,
): Promise<unknown> {
  if (method === 'GET' && url.pathname === '/v1/agreements') {
    if (url.searchParams.get('agreementType') !== 'MicrosoftCustomerAgreement') return { totalCount: 0, items: [] };
    const template = await session.getCustomerAgreementTemplate();
    return { totalCount: 1, items: [{ ...template, versionRank: 0 }] } satisfies wire.Wire<
      typeof agreements.agreementMetadataResponse
    >;
  }
  const customer = /^\/v1\/customers\/([^/]+)\/agreements$/.exec(url.pathname);
  if (!customer) return undefined;
  const customerTenantId = decodeURIComponent(customer[1]);
  if (method === 'POST') {
    const body = parseBody(agreements.customerAgreementBody, bodyText);
    return (await session.attestCustomerAgreement(customerTenantId, body)) satisfies wire.Wire<
      typeof agreements.customerAgreementBody
    >;
  }
  if (method === 'GET') {
    const items = await session.listCustomerAgreements(customerTenantId);
    return { totalCount: items.length, items } satisfies wire.Wire<typeof agreements.customerAgreementsResponse>;
  }
  return undefined;
}
