import { expect } from 'chai';
import { translatorFor } from '../../i18n/i18n';
import { tell } from '../../i18n/readers';
import { decisionMessages } from '../../services/partnerships/messages';
import { mayPartner, mayTakeCustomer } from '../../services/rules';
import { customer, provider, reseller } from '../services/rules/fixtures';

/**
 * Every refusal knows who reads it: the same decision is told to the reseller (Teams) and to the
 * distributor (Slack) each as "you", with what that reader can do, never the other party's advice.
 */
describe('Rule messages worded for their reader (i18n/readers.ts)', () => {
  const notEnrolled = mayPartner(provider(), reseller({ status: { enrolment: 'submitted', verification: 'Pending' } }));
  const unsignedMpa = mayTakeCustomer({
    provider: provider(),
    reseller: reseller({ status: { mpaSigned: false } }),
    customer: customer(),
    partnerships: [{ providerId: 'prov-contoso-dist', resellerId: 'res-fabrikam', state: 'active' }],
  });

  it('tells a Polish reseller that it is not enrolled as "you", never "wskaż mu kroki rejestracji" (P1)', () => {
    const text = tell(translatorFor('pl'), 'reseller', decisionMessages(notEnrolled));
    expect(text).to.include('Nie jesteś jeszcze zarejestrowany').and.include('zasada P1');
    expect(text).to.not.include('wskaż mu');
  });

  it('tells the distributor about the same reseller what it can do, not what the reseller must do (P1)', () => {
    const text = tell(translatorFor('en'), 'distributor', decisionMessages(notEnrolled));
    expect(text).to.include('so you cannot partner with it until it has enrolled');
    expect(text).to.not.include('You are not enrolled');
  });

  it('tells the reseller without the MPA how to sign it, and the distributor that only the reseller can (M2)', () => {
    const forReseller = tell(translatorFor('sv'), 'reseller', decisionMessages(unsignedMpa));
    const forDistributor = tell(translatorFor('sv'), 'distributor', decisionMessages(unsignedMpa));
    expect(forReseller).to.include('din organisation (regel M2)').and.include('din globala administratör');
    expect(forDistributor).to.include('Återförsäljaren har inte signerat').and.include('kan du inte koppla');
    expect(forDistributor).to.not.include('din globala administratör');
  });

  it('keeps the shared words where they already fit both readers (E4)', () => {
    const webmail = { violations: [], options: [{ rule: 'E8' as const, code: 'E8.find-provider-in-region' }] };
    const e4 = [
      { key: 'rules:violation.E4.webmail-primary-contact', params: { email: 'a@gmail.com', domain: 'gmail.com' } },
    ];
    const t = translatorFor('en');
    expect(tell(t, 'reseller', e4))
      .to.equal(tell(t, 'distributor', e4))
      .and.include('rule E4');
    expect(tell(t, 'reseller', decisionMessages(webmail))).to.not.equal(
      tell(t, 'distributor', decisionMessages(webmail)),
    );
  });
});
