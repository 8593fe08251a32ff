import { expect } from 'chai';
import { message, type TeamsUser } from '../support/drivers/teamsActivities';
import { fresh } from '../support/fixtures/partnerships';
import { BACKENDS, piotr } from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';
import { alreadyEnrolledInCsp } from '../support/drivers/partnerRoad';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';

/** Northwind Konsult (SE): in CSP and in Contoso's list at Partner Center, its MPA not signed yet (M2). */
const NORTHWIND = DEMO.resellerWithoutMpa;
const erik: TeamsUser = { tenantId: NORTHWIND.tenantId, aadObjectId: 'aad-erik', name: 'Erik Lindqvist' };

/**
 * `customers` asks first whether the reseller may transact at all (P1, M2, M3, P5) and says so before
 * any form, with what to do, in the reseller's own words; the form starts from the reseller's country.
 */
describe('customers: the early gate before any form (P1, M2, M3, P5), over HTTP', () => {
  const world = customerWorld(BACKENDS[0], { team: 'T0CUSTOMERGATE' });

  before(async () => {
    // Northwind says in Teams it is already in CSP (E7); no distributor yet.
    await alreadyEnrolledInCsp(world.road, erik, { ...NORTHWIND, supportEmail: 'support@northwindkonsult.se' });
  });

  const customers = (user: TeamsUser = piotr) => world.teams(message(world.connector.url, 'customers', user), 1);
  /** The details form is the card whose Next is `customers-offers`. */
  const isForm = (text: string) => text.includes('customers-offers');

  it('tells a reseller whose MPA Partner Center shows unsigned, before any form, and what to do (M2)', async () => {
    const text = await customers(erik);
    expect(isForm(text), 'no form').to.equal(false);
    expect(text)
      .to.include('You cannot ask a distributor for customers yet')
      .and.include('(rule M2)')
      .and.include('your Global admin accepts the MPA');
    expect(text, 'advice for the distributor').to.not.include("Ask the reseller's Global admin");
  });

  it('tells a reseller that is not enrolled yet, before any form, to finish enrolment (M3)', async () => {
    // Someone who has only started enrolment: the checklist, then stopped.
    const starter: TeamsUser = { tenantId: fresh(), aadObjectId: 'aad-gate-starter', name: 'Ala Nowa' };
    await world.teams(message(world.connector.url, 'enroll', starter), 1);
    await world.teams(message(world.connector.url, 'cancel', starter), 1);
    const text = await customers(starter);
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
    // Northwind's Global admin signs the MPA (README: scripts/sandbox.ts sign-mpa); the assistant hears it (M4).
    await world.operator('sign-mpa', NORTHWIND.tenantId);
    // Contoso invites it and it authorises; Partner Center, asked then, says the MPA is signed.
    await world.partner(NORTHWIND.tenantId, NORTHWIND.primaryContactEmail, erik);
    const text = await customers(erik);
    expect(isForm(text)).to.equal(true);
    const card = world.connector.received.at(-1)?.activity.attachments?.[0]?.content as { body: unknown[] };
    const country = JSON.stringify(card.body).match(/"id":"country"[^}]*"value":"([A-Z]*)"/)?.[1];
    expect(country).to.equal('SE');
  });
});
