import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { ADMIN, APPROVER } from '../support/drivers/contosoInSlack';
import { journeyWorld } from '../support/drivers/journeySuite';
import { JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { primaryContactGiven } from '../support/drivers/partnerRoad';
import { SlackDriver } from '../support/drivers/slackDriver';
import type { TeamsUser } from '../support/drivers/teamsActivities';
import { fresh } from '../support/fixtures/partnerships';

/**
 * P2 to a whole reseller organisation: Contoso invites, in Slack, Tailspin's primary contact (given on
 * Tailspin's enrolment checklist, E2.3), and the invitation card goes to Tailspin's people in Teams. Its
 * guests (accounts of other organisations invited into Tailspin's tenant, which Teams' member lookup
 * answers with `userRole: 'guest'`) are not Tailspin (standingOf, read as domainOfMember reads E4/E7):
 * they never see it, whether Teams said so at their first message or only when the card goes out (a
 * person remembered before the assistant kept what Teams says). Someone Teams cannot describe at all
 * (its member lookup answers 404) counts as Tailspin's own: a guest is always described as one.
 *
 * From an empty store: Contoso set up with `/csp setup`, the checklist's primary contact step, `/csp invite`.
 */
/** How long a notice the outbox would deliver takes at most here (it polls every 50 ms). */
const OUTBOX_SETTLES_MS = 1_500;

for (const backend of JOURNEY_BACKENDS) {
  describe(`a reseller’s notices reach its own people, never its guests, on ${backend.name}`, () => {
    const world = journeyWorld(backend, `T0GUESTS${backend.name.toUpperCase()}`);
    const run = fresh().slice(0, 8);
    const own = `tailspin-${run}.pl`;
    const tailspin = fresh();
    const contact = `anna.nowak@${own}`;
    const person = (name: string): TeamsUser => ({ tenantId: tailspin, aadObjectId: `aad-${name}-${run}`, name });
    const anna = person('anna');
    const piotr = person('piotr');
    const jan = person('jan');
    const ola = person('ola');

    const account = (who: TeamsUser, fields: Record<string, unknown>) =>
      world.connector.member(`29:${who.aadObjectId}`, { aadObjectId: who.aadObjectId, tenantId: tailspin, ...fields });
    const guestOf = (home: string, name: string) => ({
      name,
      userPrincipalName: `${name}_${home}#EXT#@tailspin${run}.onmicrosoft.com`,
      email: `${name}@${home}`,
      userRole: 'guest',
    });
    const cardsTo = (who: TeamsUser) =>
      world.connector.received
        .filter((r) => r.conversationId === `a:personal-${who.aadObjectId}`)
        .map((r) => JSON.stringify(r.activity))
        .filter((json) => json.includes('invitation-authorize'));
    const cardReaches = (who: TeamsUser) =>
      world.teamsReceived(
        (json) => json.includes('invitation-authorize') && json.includes(`a:personal-${who.aadObjectId}`),
        `the invitation card for ${who.name}`,
      );
    let code = '';

    before(async () => {
      account(anna, { name: 'Anna Nowak', userPrincipalName: contact, userRole: 'user' });
      account(jan, guestOf('contoso.com', 'jan'));
      await world.setUpDistributor(ADMIN, [APPROVER], DEMO.provider);
      // Everyone talks to the assistant before anything is sent. Teams describes Jan as a guest at once;
      // for Ola and Piotr its member lookup answers nothing yet.
      await world.say('hello', jan);
      await world.say('hello', ola);
      await world.say('hello', piotr);
      await primaryContactGiven(world, anna, { contactName: 'Anna Nowak', contactEmail: contact });
      // Ola is a guest too: Teams says so only by the time the card goes out.
      account(ola, guestOf('fabrikam.example', 'ola'));
      const invited = await world.invite(APPROVER, { email: contact, companyName: 'Tailspin Toys', mpnId: '' });
      code = SlackDriver.codeIn(invited.json?.view) ?? '';
      if (!code) throw new Error(`the invitation was not issued: ${invited.text.slice(0, 800)}`);
    });

    it('brings Contoso’s card to Tailspin’s own people, one of them Teams cannot describe (P2)', async () => {
      expect(await cardReaches(anna))
        .to.include(DEMO.provider.name)
        .and.include(code);
      expect(await cardReaches(piotr))
        .to.include(DEMO.provider.name)
        .and.include(code);
    });

    it('never shows it to a guest of Tailspin’s tenant, told a guest at first or only when it goes out (P2, E7)', async () => {
      await cardReaches(anna);
      await cardReaches(piotr);
      await new Promise((settled) => setTimeout(settled, OUTBOX_SETTLES_MS));
      expect(cardsTo(jan), 'Jan, a guest from his first message').to.have.length(0);
      expect(cardsTo(ola), 'Ola, a guest when the card goes out').to.have.length(0);
      expect(cardsTo(anna), 'said once').to.have.length(1);
    });
  });
}
