import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { ADMIN, APPROVER } from '../support/drivers/contosoInSlack';
import { journeyWorld } from '../support/drivers/journeySuite';
import { catalog, JOURNEY_BACKENDS, type JourneyWorld } from '../support/drivers/journeyWorld';
import { SlackDriver } from '../support/drivers/slackDriver';
import type { TeamsUser } from '../support/drivers/teamsActivities';
import { fresh } from '../support/fixtures/partnerships';

/**
 * P2, P3 with E7 and E4: Contoso invites, in Slack, an address of a reseller the assistant knows nothing
 * of yet (Fabrikam, which has given no primary contact and no PartnerID here). Fabrikam's people are told
 * of the invitation in Teams, in their language, without typing its code, because their own Teams account
 * (TeamsInfo.getMember's user principal name, asked of the local Bot Framework connector over HTTP) is on
 * the invited address's domain: Piotr, heard from before, as soon as it is sent; Ewa, heard from only
 * later, on her first message. Under memberDomain.ts's rule only: a guest whose home address is the one
 * invited, and a webmail account at an invited webmail address, are never shown it, cannot list it and
 * cannot decline it by that address.
 *
 * From an empty store: Contoso set up with `/csp setup`, `/csp invite`, and what the people type in Teams.
 */
const sv = catalog('sv');
/** How long a notice the outbox would deliver takes at most here (it polls every 50 ms). */
const OUTBOX_SETTLES_MS = 1_500;

for (const backend of JOURNEY_BACKENDS) {
  describe(`a distributor’s invitation to a reseller not known yet, told to its people by their domain, on ${backend.name}`, () => {
    const world = journeyWorld(backend, `T0INVDOMAIN${backend.name.toUpperCase()}`);
    const run = fresh().slice(0, 8);
    // Each run its own tenants and domain: a shared Redis keeps other runs' open invitations.
    const own = `fabrikam-${run}.pl`;
    const fabrikam = fresh();
    const wingtip = fresh();
    const webmailAddress = `fabrikam.it.${run}@gmail.com`;
    const person = (name: string, tenantId: string): TeamsUser => ({
      tenantId,
      aadObjectId: `aad-${name}-${run}`,
      name,
      locale: 'sv-SE',
    });
    const piotr = person('piotr', fabrikam);
    const ewa = person('ewa', fabrikam);
    // A Fabrikam consultant as a guest in Wingtip's tenant (Entra writes a guest's UPN with #EXT#): their
    // mail is the address Contoso invited, yet in Teams they speak for Wingtip.
    const guest = person('ola', wingtip);
    // Someone whose account is the webmail address invited (E4: a webmail address is no company's).
    const webmailUser = person('kasia', wingtip);
    let code = '';

    const account = (who: TeamsUser, fields: Record<string, unknown>) =>
      world.connector.member(`29:${who.aadObjectId}`, {
        aadObjectId: who.aadObjectId,
        tenantId: who.tenantId,
        ...fields,
      });
    /** The invitation cards (JSON) that reached `who`'s conversation so far. */
    const cardsTo = (who: TeamsUser) =>
      world.connector.received
        .filter((r) => r.conversationId === `a:personal-${who.aadObjectId}`)
        .map((r) => JSON.stringify(r.activity))
        .filter((json) => json.includes('invitation-authorize'));
    async function cardReaches(who: TeamsUser, what: string): Promise<string> {
      const deadline = Date.now() + 15_000;
      while (cardsTo(who).length === 0) {
        if (Date.now() > deadline) throw new Error(`never received in Teams: ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return cardsTo(who)[0];
    }
    const settle = () => new Promise((r) => setTimeout(r, OUTBOX_SETTLES_MS));
    const invite = async (w: JourneyWorld, email: string) => {
      const invited = await w.invite(APPROVER, { email, companyName: 'Fabrikam IT', mpnId: '' });
      const issued = SlackDriver.codeIn(invited.json?.view);
      if (!issued) throw new Error(`the invitation was not issued: ${invited.text.slice(0, 800)}`);
      return issued;
    };

    before(async () => {
      account(piotr, { name: 'Piotr Nowak', userPrincipalName: `piotr.nowak@${own}`, userRole: 'user' });
      account(ewa, { name: 'Ewa Zielińska', userPrincipalName: `ewa.zielinska@${own}`, userRole: 'user' });
      account(guest, {
        name: 'Ola Lis',
        userPrincipalName: `ola.lis_${own}#EXT#@wingtip${run}.onmicrosoft.com`,
        email: `ola.lis@${own}`,
        userRole: 'guest',
      });
      account(webmailUser, {
        name: 'Kasia',
        userPrincipalName: webmailAddress,
        email: webmailAddress,
        userRole: 'user',
      });
      await world.setUpDistributor(ADMIN, [APPROVER], DEMO.provider);
      // Piotr and the guest talk to the assistant before anything is sent.
      await world.say('hej', piotr);
      await world.say('hej', guest);
      code = await invite(world, `piotr.nowak@${own}`);
    });

    it('brings Contoso’s card to Piotr as soon as it is sent, in Swedish, no code typed (P2, P3, E7)', async () => {
      const card = await cardReaches(piotr, 'the invitation card for Piotr');
      expect(card)
        .to.include(JSON.stringify(sv('partnerships:teams.card.title')))
        .and.include(DEMO.provider.name)
        .and.include(`piotr.nowak@${own}`)
        .and.include(code);
      await settle();
      expect(cardsTo(piotr), 'said once').to.have.length(1);
    });

    it('tells Ewa, a colleague heard from only later, on her first message', async () => {
      expect(cardsTo(ewa)).to.have.length(0);
      await world.say('hej', ewa);
      const card = await cardReaches(ewa, 'the invitation card for Ewa');
      expect(card).to.include(DEMO.provider.name).and.include(code);
    });

    it('never shows it to a guest whose home address is the one invited, nor lets them decline by it (P3, E7)', async () => {
      await cardReaches(piotr, 'the delivery that would have reached the guest too');
      await settle();
      expect(cardsTo(guest), 'no card on its own').to.have.length(0);
      const listed = await world.say(sv('partnerships:teams.words.providers'), guest);
      expect(listed).to.not.include('invitation-authorize').and.not.include(code);
      const declined = await world.press({ verb: 'invitation-decline', code }, guest, 'card-invitation');
      expect(declined).to.include(sv('partnerships:refusal.not-invitee').slice(0, 40));
      // Still open for Fabrikam: Piotr lists it.
      expect(await world.say(sv('partnerships:teams.words.providers'), piotr, 2)).to.include(code);
    });

    it('never matches a webmail address by its account, even the very address invited (E4)', async () => {
      const gmailCode = await invite(world, webmailAddress);
      await world.say('hej', webmailUser);
      await settle();
      expect(cardsTo(webmailUser), 'no card on its own').to.have.length(0);
      const listed = await world.say(sv('partnerships:teams.words.providers'), webmailUser);
      expect(listed).to.not.include('invitation-authorize').and.not.include(gmailCode);
    });
  });
}
