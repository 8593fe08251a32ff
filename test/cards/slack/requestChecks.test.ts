import { expect } from 'chai';
import { pendingHomeBlocks, type RequestView, requestBlocks } from '../../../cards/slack/customers/requestBlocks';
import { translatorFor } from '../../../i18n/i18n';

const HOUR = 3_600_000;
const view: RequestView = {
  id: 'req-1',
  kind: 'licence-change',
  reseller: 'Fabrikam IT sp. z o.o.',
  requestedBy: 'Piotr Nowak',
  companyName: 'Piekarnia Kowalski sp. z o.o.',
  domain: 'piekarnia.onmicrosoft.com',
  country: 'PL',
  adminEmail: 'admin@piekarnia.onmicrosoft.com',
  subscriptions: [{ name: 'Microsoft 365 Business Basic', licences: 7, from: 10 }],
  createdAt: '2026-12-01T09:00:00.000Z',
  clock: { ageMs: 26 * HOUR, windowLeftMs: 4 * 24 * HOUR + 5 * HOUR },
  partnerOfRecord: { when: '2026-12-01T09:00:00.000Z', partnerId: '2345678', valid: true },
};

describe('A customer request in Slack shows its checks and its clock (R1, NCE1; issue 15 item 5)', () => {
  for (const lang of ['en', 'pl', 'sv']) {
    it(`shows the change from and to, the partner-of-record check, the age and NCE1's window left, in ${lang}`, () => {
      const t = translatorFor(lang);
      const text = JSON.stringify(requestBlocks(t, view));
      expect(text).to.include('R1').and.include('2345678').and.include('NCE1');
      expect(text).to.include(
        t('customers:slack.request.licenceChange', { name: 'Microsoft 365 Business Basic', from: 10, count: 7 }),
      );
      expect(text).to.include(t('customers:slack.request.age', { days: 1, hours: 2 }));
      expect(text).to.include(t('customers:slack.request.windowLeft', { days: 4, hours: 5 }));
    });
  }

  it('says a refused check and a closed window to the approver, and shows the clock in the App Home too', () => {
    const t = translatorFor('en');
    const refused = {
      ...view,
      partnerOfRecord: { ...view.partnerOfRecord!, valid: false, errorCode: '900400' },
      clock: { ageMs: 0, windowLeftMs: 0 },
    };
    const text = JSON.stringify(requestBlocks(t, refused));
    expect(text).to.include('900400').and.include(t('customers:slack.request.windowClosed'));
    expect(JSON.stringify(pendingHomeBlocks(t, [view]))).to.include(
      t('customers:slack.request.windowLeft', { days: 4, hours: 5 }),
    );
  });
});
