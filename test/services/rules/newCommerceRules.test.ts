import { expect } from 'chai';
import {
  cancellationWindowLeftMs,
  isNceLicenceOffer,
  mayChangeLicenceCount,
  NCE_WINDOW_MS,
} from '../../../services/rules/newCommerceRules';

const DAY = 24 * 60 * 60_000;
const bought = '2026-12-01T10:00:00.000Z';
const after = (ms: number) => new Date(Date.parse(bought) + ms);
const basic = { offerId: 'CFQ7TTC0LH18:0001', quantity: 10, purchasedAt: bought };

describe('new commerce (NCE1)', () => {
  it('treats new-commerce licence offers as NCE licences, not Azure plan or a legacy GUID offer', () => {
    expect(isNceLicenceOffer('CFQ7TTC0LH18:0001')).to.equal(true);
    expect(isNceLicenceOffer('DZH318Z0BPS6:0001')).to.equal(false);
    expect(isNceLicenceOffer('031c9e47-4802-4248-838e-778fb1d2cc05')).to.equal(false);
  });

  it('says how much of the 7-day window is left, and 0 once it closed (NCE1)', () => {
    expect(cancellationWindowLeftMs(bought, after(2 * DAY))).to.equal(5 * DAY);
    expect(cancellationWindowLeftMs(bought, after(NCE_WINDOW_MS + 1))).to.equal(0);
  });

  const table: Array<[string, number, number, boolean]> = [
    ['allows raising the count at any time', 15, 30 * DAY, true],
    ['allows a reduction within 7 days of purchase', 5, 6 * DAY, true],
    ['refuses a reduction after 7 days', 5, 8 * DAY, false],
  ];
  for (const [title, wanted, since, allowed] of table) {
    it(`${title} (NCE1)`, () => {
      const decision = mayChangeLicenceCount(basic, wanted, after(since));
      expect(decision.allowed).to.equal(allowed);
      if (!allowed) expect(decision.violations[0]).to.deep.include({ code: 'NCE1.reduction-window-closed' });
    });
  }
});
