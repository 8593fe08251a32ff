// Unit tests of services/customers/draftChoice.ts: what step 2 of a customer draft accepts (C3, C5, C6).
import { expect } from 'chai';
import { type DraftChoice, type DraftOptions, subscriptionsChosen } from '../../../services/customers/draftChoice';

const offers: DraftOptions = {
  kind: 'offers',
  offers: [
    { id: 'basic', name: 'Microsoft 365 Business Basic', minimumQuantity: 1, maximumQuantity: 300 },
    { id: 'e5', name: 'Microsoft 365 E5', minimumQuantity: 5, maximumQuantity: 1000 },
  ],
};
const subscription = (id: string, quantity: number) => ({
  id,
  orderId: `order-${id}`,
  customerTenantId: 'customer-1',
  offerId: `offer-${id}`,
  offerName: `Offer ${id}`,
  quantity,
});
const existing: DraftOptions = {
  kind: 'subscriptions',
  subscriptions: [subscription('s1', 10), subscription('s2', 3)],
};

describe('A customer draft’s subscriptions step (services/customers/draftChoice.ts)', () => {
  const accepted: Array<[string, DraftOptions, DraftChoice, unknown[]]> = [
    [
      'orders the offers given a licence count (C3)',
      offers,
      { licences: { basic: 10, e5: 5 } },
      [
        { offerId: 'basic', offerName: 'Microsoft 365 Business Basic', licences: 10 },
        { offerId: 'e5', offerName: 'Microsoft 365 E5', licences: 5 },
      ],
    ],
    [
      'leaves out an offer given zero licences (C3)',
      offers,
      { licences: { basic: 0, e5: 5 } },
      [{ offerId: 'e5', offerName: 'Microsoft 365 E5', licences: 5 }],
    ],
    ['ignores a licence count for an offer not in the catalogue (C3)', offers, { licences: { unknown: 7 } }, []],
    [
      'takes the existing subscriptions picked, with their quantities (C5, C6)',
      existing,
      { subscriptionIds: ['s2'] },
      [{ offerId: 'offer-s2', offerName: 'Offer s2', licences: 3, subscriptionId: 's2' }],
    ],
    [
      'carries an existing subscription’s purchase date, for NCE1’s window on the pending request',
      {
        kind: 'subscriptions',
        subscriptions: [{ ...subscription('s3', 2), creationDate: '2026-12-01T00:00:00.000Z' }],
      },
      { subscriptionIds: ['s3'] },
      [
        {
          offerId: 'offer-s3',
          offerName: 'Offer s3',
          licences: 2,
          subscriptionId: 's3',
          purchasedAt: '2026-12-01T00:00:00.000Z',
        },
      ],
    ],
    [
      'takes the subscriptions whose licence count changed, from and to, and leaves the others (R1)',
      existing,
      { newCounts: { s1: 7, s2: 3 } },
      [{ offerId: 'offer-s1', offerName: 'Offer s1', licences: 7, subscriptionId: 's1', previousLicences: 10 }],
    ],
    [
      'takes nothing from a choice that does not fit the card (licences for subscriptions)',
      existing,
      { licences: { s1: 1 } },
      [],
    ],
  ];
  for (const [behaviour, options, choice, expected] of accepted) {
    it(behaviour, () => {
      expect(subscriptionsChosen(options, choice)).to.deep.equal({ ok: true, value: expected });
    });
  }

  const refused: Array<[string, number]> = [
    ['refuses fewer licences than the offer’s minimum (C3)', 4],
    ['refuses more licences than the offer’s maximum (C3)', 1001],
    ['refuses a fractional licence count (C3)', 5.5],
  ];
  for (const [behaviour, licences] of refused) {
    it(behaviour, () => {
      const outcome = subscriptionsChosen(offers, { licences: { e5: licences } });
      expect(outcome).to.deep.equal({
        ok: false,
        refusal: {
          kind: 'input',
          code: 'licences-out-of-range',
          field: 'e5',
          params: { requested: licences, offer: 'Microsoft 365 E5', min: 5, max: 1000, count: 1000 },
        },
      });
    });
  }
});
