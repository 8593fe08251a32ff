import { expect } from 'chai';
import { isNewCommerceOffer, supportContactAvailable } from '../../../services/rules/newCommerce';

/** NCE2: a designated support contact (C5, C6) on legacy subscriptions only. */
describe('new commerce and the designated support contact (NCE2)', () => {
  it("tells an NCE offer (productId:skuId) from a legacy one (a GUID), as Partner Center's catalogue names them", () => {
    expect(isNewCommerceOffer('CFQ7TTC0LH18:0001')).to.equal(true);
    expect(isNewCommerceOffer('CFQ7TTC0LH18:0001:CFQ7TTC0K5DJ')).to.equal(true);
    expect(isNewCommerceOffer('DZH318Z0BPS6:0001')).to.equal(true);
    expect(isNewCommerceOffer('031C9E47-4802-4248-838E-778FB1D2CC05')).to.equal(false);
  });

  it('allows the support contact on legacy subscriptions (NCE2)', () => {
    const decision = supportContactAvailable([
      { offerId: '031C9E47-4802-4248-838E-778FB1D2CC05', offerName: 'Office 365 E3' },
    ]);
    expect(decision.allowed).to.equal(true);
  });

  it('refuses it on each NCE subscription, by name, with NCE2 as the reason', () => {
    const decision = supportContactAvailable([
      { offerId: 'CFQ7TTC0LH18:0001', offerName: 'Microsoft 365 Business Basic' },
      { offerId: '031C9E47-4802-4248-838E-778FB1D2CC05', offerName: 'Office 365 E3' },
      { offerId: 'CFQ7TTC0LH16:0001' },
    ]);
    expect(decision.allowed).to.equal(false);
    expect(decision.violations).to.deep.equal([
      {
        rule: 'NCE2',
        code: 'NCE2.support-contact-legacy-only',
        facts: { offer: 'Microsoft 365 Business Basic' },
      },
      { rule: 'NCE2', code: 'NCE2.support-contact-legacy-only', facts: { offer: 'CFQ7TTC0LH16:0001' } },
    ]);
  });
});
