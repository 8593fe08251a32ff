import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { BACKENDS, FABRIKAM, newDomain, piotr } from '../support/drivers/customerWorld';
import { ADMIN, APPROVER } from '../support/drivers/contosoInSlack';
import { customerWorld, journeyWorld } from '../support/drivers/journeySuite';
import { JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { alreadyEnrolledInCsp, partnerThroughInvitation } from '../support/drivers/partnerRoad';

/**
 * A reseller already in CSP (E7) gives no primary contact: the checklist marks that step not needed, and
 * once its partnership is confirmed the step is no longer offered. Its company domain is then the one its
 * own person's Teams account is on (TeamsInfo.getMember's user principal name, asked of the local Bot
 * Framework connector over HTTP when the person says "We are already enrolled in CSP"), so C8 still knows
 * the reseller's own company. A guest's account speaks for another organisation and counts for nothing.
 *
 * From an empty store (CustomerWorld): Contoso set up in Slack, Piotr of Fabrikam says in Teams it is
 * already in CSP, Contoso invites it and Piotr authorises; no primary contact is ever given.
 */
const OWN = 'fabrikam-it.pl';

/** What Teams answers for Piotr's account (TeamsInfo.getMember), in Fabrikam's tenant. */
const piotrInTeams = (account: { userPrincipalName: string; email: string; userRole: string }) => ({
  [`29:${piotr.aadObjectId}`]: { name: piotr.name, aadObjectId: piotr.aadObjectId, tenantId: FABRIKAM, ...account },
});

for (const backend of BACKENDS) {
  describe(`an E7 reseller’s own domain, from its person’s Teams account, on ${backend.name}`, () => {
    const world = customerWorld(backend, {
      team: `T0E7DOMAIN${backend.name.toUpperCase()}`,
      teamsMembers: piotrInTeams({
        userPrincipalName: `piotr.nowak@${OWN}`,
        email: `piotr.nowak@${OWN}`,
        userRole: 'user',
      }),
    });

    it('refuses Fabrikam’s own company as a customer in Teams, before the distributor is asked (C8)', async () => {
      const form = { ...world.form(`sklep.${OWN}`), adminEmail: `jan@${newDomain()}` };
      const text = await world.road.press(form, piotr, 'card-details');
      expect(text).to.not.include('draftId');
      expect(text)
        .to.include('(rule C8)')
        .and.include('By contract a CSP partner may not sell to itself as an end customer');
    });

    it('refuses Fabrikam’s own address as a new customer’s admin, so the customer gets its own administrator', async () => {
      const form = { ...world.form(newDomain()), adminEmail: `piotr.nowak@${OWN}` };
      const text = await world.road.press(form, piotr, 'card-details');
      expect(text).to.not.include('draftId');
      expect(text).to.include("The customer's admin email cannot be on your own company's domain");
    });

    it('still takes a customer on another domain (the rule names only Fabrikam’s own)', async () => {
      const text = await world.road.press(world.form(newDomain()), piotr, 'card-details');
      expect(text).to.match(/"draftId":"[0-9a-f-]{36}"/);
    });
  });

  describe(`an E7 reseller whose "already in CSP" was said by a guest, on ${backend.name}`, () => {
    // A consultant from another company, a guest in Fabrikam's tenant (Entra writes a guest's UPN with #EXT#).
    const guestHome = `konsult-${DEMO.resellerReady.mpnId}.pl`;
    const world = customerWorld(backend, {
      team: `T0E7GUEST${backend.name.toUpperCase()}`,
      teamsMembers: piotrInTeams({
        userPrincipalName: `piotr_${guestHome}#EXT#@fabrikamit.onmicrosoft.com`,
        email: `piotr@${guestHome}`,
        userRole: 'guest',
      }),
    });

    it('does not take the guest’s home domain for Fabrikam’s own: a customer there goes on to its offers', async () => {
      const text = await world.road.press(world.form(guestHome), piotr, 'card-details');
      expect(text).to.not.include('(rule C8)');
      expect(text).to.match(/"draftId":"[0-9a-f-]{36}"/);
    });
  });
}

for (const backend of JOURNEY_BACKENDS) {
  describe(`an E7 reseller’s own domain, from the person who authorises the distributor, on ${backend.name}`, () => {
    const world = journeyWorld(backend, `T0E7AUTH${backend.name.toUpperCase()}`);

    it('takes the domain at Authorize when Teams did not say who answered "already in CSP", and refuses C8', async () => {
      await world.setUpDistributor(ADMIN, [APPROVER], DEMO.provider);
      // Teams does not answer the member lookup yet (the connector has no such member): E7 is kept, no domain.
      await alreadyEnrolledInCsp(world, piotr, { ...DEMO.resellerReady, supportEmail: `pomoc@${OWN}` });
      for (const [id, account] of Object.entries(
        piotrInTeams({ userPrincipalName: `piotr.nowak@${OWN}`, email: `piotr.nowak@${OWN}`, userRole: 'user' }),
      ))
        world.connector.member(id, account);
      const authorised = (json: string) => json.includes('is now your distributor');
      await partnerThroughInvitation(
        world,
        APPROVER,
        piotr,
        { email: `piotr.nowak@${OWN}`, companyName: DEMO.resellerReady.name },
        // The pressed card is redrawn as the authorised partnership.
        async () => world.connector.updated.some((u) => authorised(JSON.stringify(u.activity))),
      );
      const form = {
        verb: 'customers-offers',
        companyName: DEMO.resellerReady.name,
        domain: OWN,
        country: 'PL',
        adminEmail: `jan@${newDomain()}`,
        providerId: world.providerId,
        line1: 'ul. Prosta 1',
        city: 'Warszawa',
        postalCode: '00-001',
      };
      const text = await world.press(form, piotr, 'card-details');
      expect(text).to.not.include('draftId');
      expect(text).to.include('(rule C8)');
    });
  });
}
