import { expect } from 'chai';
import { message, type TeamsUser } from '../support/drivers/teamsActivities';
import { fresh } from '../support/fixtures/partnerships';
import { CustomerWorld, FABRIKAM, piotr } from '../support/drivers/customerWorld';

/**
 * `customers` asks first whether the reseller may transact at all (P1, M2, M3, P5) and says so before
 * any form, with what to do, in the reseller's own words; the form starts from the reseller's country.
 */
describe('customers: the early gate before any form (P1, M2, M3, P5), over HTTP', () => {
  const world = new CustomerWorld({ team: 'T0CUSTOMERGATE' });

  before(async () => {
    await world.start();
  });
  after(async () => {
    await world.stop();
  });
  afterEach(async () => {
    await world.seedFabrikam();
  });

  const customers = (user: TeamsUser = piotr) => world.teams(message(world.connector.url, 'customers', user), 1);
  const fabrikamStatus = (status: Record<string, unknown>) =>
    world.partners.update(FABRIKAM, (p) => (p ? { ...p, status: { ...p.status, ...status } } : p));
  /** The details form is the card whose Next is `customers-offers`. */
  const isForm = (text: string) => text.includes('customers-offers');

  it('tells a reseller whose MPA Partner Center shows unsigned, before any form, and what to do (M2)', async () => {
    await fabrikamStatus({ mpaSigned: false });
    const text = await customers();
    expect(isForm(text), 'no form').to.equal(false);
    expect(text)
      .to.include('You cannot ask a distributor for customers yet')
      .and.include('(rule M2)')
      .and.include('your Global admin accepts the MPA');
    expect(text, 'advice for the distributor').to.not.include("Ask the reseller's Global admin");
  });

  it('tells a reseller that is not enrolled yet, before any form, to finish enrolment (M3)', async () => {
    await fabrikamStatus({ enrolment: 'submitted', verification: 'Pending' });
    const text = await customers();
    expect(isForm(text), 'no form').to.equal(false);
    expect(text).to.include('You are not enrolled as an indirect reseller yet (rule M3)').and.include('type enroll');
  });

  it('tells a reseller with no distributor yet how a partnership starts, in Polish (P5)', async () => {
    const newcomer: TeamsUser = { tenantId: fresh(), aadObjectId: 'aad-gate-new', name: 'Ola Nowa', locale: 'pl-PL' };
    const text = await customers(newcomer);
    expect(isForm(text), 'no form').to.equal(false);
    expect(text).to.include('Nie możesz jeszcze prosić dystrybutora o klientów').and.include('(zasada P5)');
  });

  it("pre-fills the form with the reseller's own country, never the distributor's (a Swedish reseller gets SE)", async () => {
    await world.partners.update(FABRIKAM, (p) => (p ? { ...p, country: 'SE' } : p));
    const text = await customers();
    expect(isForm(text)).to.equal(true);
    const card = world.connector.received.at(-1)?.activity.attachments?.[0]?.content as { body: unknown[] };
    const country = JSON.stringify(card.body).match(/"id":"country"[^}]*"value":"([A-Z]*)"/)?.[1];
    expect(country).to.equal('SE');
  });
});
