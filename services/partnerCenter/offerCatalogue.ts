import type { Offer } from './gateway';

/**
 * The sandbox's catalogue: a handful of the offers partners sell most, enough for the
 * customer-onboarding flow to pick from (C3, C5). Ids follow the new-commerce `productId:skuId`
 * form shown in Partner Center; they are demo data, not a price list, and the same in every country.
 */
export const SANDBOX_OFFERS: readonly Offer[] = [
  { id: 'CFQ7TTC0LH18:0001', name: 'Microsoft 365 Business Basic', minimumQuantity: 1, maximumQuantity: 300 },
  { id: 'CFQ7TTC0LDPB:0001', name: 'Microsoft 365 Business Standard', minimumQuantity: 1, maximumQuantity: 300 },
  { id: 'CFQ7TTC0LCHC:0002', name: 'Microsoft 365 Business Premium', minimumQuantity: 1, maximumQuantity: 300 },
  { id: 'CFQ7TTC0LFLX:0001', name: 'Microsoft 365 E3', minimumQuantity: 1, maximumQuantity: 10000 },
  { id: 'CFQ7TTC0LH16:0001', name: 'Exchange Online (Plan 1)', minimumQuantity: 1, maximumQuantity: 10000 },
  { id: 'DZH318Z0BPS6:0001', name: 'Azure plan', minimumQuantity: 1, maximumQuantity: 1 },
];

/**
 * A legacy (pre-new-commerce) offer, GUID-named as Partner Center's legacy catalogue names them. Not for
 * sale any more, so not in the catalogue: a customer can only already have it, which the operator's
 * `sandbox.ts legacy-subscription` gives a sandbox customer (NCE2: the support contact applies to these).
 */
export const SANDBOX_LEGACY_OFFER: Offer = {
  id: '796B6B5F-613C-4E24-A17C-EBA730D49C02',
  name: 'Office 365 E3 (legacy)',
  minimumQuantity: 1,
  maximumQuantity: 10000,
};
