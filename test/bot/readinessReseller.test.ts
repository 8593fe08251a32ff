import { expect } from 'chai';
import { matchReseller } from '../../bot/features/readinessReseller';
import type { ResellerRow } from '../../services/partnerships/types';

const row = (resellerId: string, legalName: string, mpnId: string) =>
  ({
    partnership: { resellerId, state: 'active' },
    reseller: { id: resellerId, legalName, mpnId },
  }) as unknown as ResellerRow;

const ROWS = [
  row('tenant-fabrikam', 'Fabrikam IT sp. z o.o.', '2345678'),
  row('tenant-tailspin', 'Tailspin Toys sp. z o.o.', '6789012'),
];

/** `/csp ready <words>`: which reseller, and which customer domain, the rep means (issue 15 item 6). */
describe('/csp ready: the reseller named, by name, PartnerID or tenant id, and an optional customer domain', () => {
  const cases: Array<[string, ReturnType<typeof matchReseller>]> = [
    ['Fabrikam', { resellerId: 'tenant-fabrikam' }],
    ['6789012', { resellerId: 'tenant-tailspin' }],
    ['tenant-fabrikam', { resellerId: 'tenant-fabrikam' }],
    ['Tailspin Toys sp. z o.o.', { resellerId: 'tenant-tailspin' }],
    ['fabrikam piekarnia-kowalski.pl', { resellerId: 'tenant-fabrikam', customerDomain: 'piekarnia-kowalski.pl' }],
    // Both names hold "sp. z o.o.": naming no one rather than the wrong one.
    ['sp. z o.o.', undefined],
    ['', undefined],
    ['Contoso', undefined],
  ];
  for (const [args, expected] of cases) {
    it(`"${args}" → ${JSON.stringify(expected)}`, () => {
      expect(matchReseller(ROWS, args)).to.deep.equal(expected);
    });
  }
});
