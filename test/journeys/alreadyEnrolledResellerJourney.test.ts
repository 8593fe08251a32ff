import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { SlackDriver } from '../support/drivers/slackDriver';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, REP } from '../support/drivers/contosoInSlack';

const pl = catalog('pl');
const en = catalog('en');
const FABRIKAM = DEMO.resellerReady;

/**
 * The sandbox's ready reseller, Fabrikam IT (already in CSP, verified, MPA signed, and already in
 * Contoso's list in Partner Center), from an empty store: refused while the assistant knows nothing of
 * it, then "We are already enrolled in CSP" (E7) with its PartnerID and country, checked at Partner
 * Center; Partner Center, asked through the distributor, confirms it, and the partnership is active.
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: an already-enrolled reseller (Fabrikam IT) authorises through E7, from an empty store, on ${backend.name} (E7, E3, P1, P3, P6)`, () => {
    const world = journeyWorld(backend, 'T0JOURNEYE7');
    const piotr = { tenantId: FABRIKAM.tenantId, aadObjectId: 'aad-piotr', name: 'Piotr Nowak', locale: 'pl-PL' };
    let code = '';

    const authorise = () =>
      world.press({ verb: 'invitation-authorize', code, consent: 'true' }, piotr, 'card-invitation');

    it('sets up the distributor and invites Fabrikam in Slack (P2)', async () => {
      await world.setUpDistributor(ADMIN, APPROVER, DEMO.provider);
      const invited = await world.invite(APPROVER, {
        email: FABRIKAM.primaryContactEmail,
        companyName: FABRIKAM.name,
        mpnId: '',
      });
      code = SlackDriver.codeIn(invited.json?.view);
      expect(code).to.not.equal('');
    });

    it('opens the invitation with the code from the email, and is refused while the assistant knows nothing of it (P1)', async () => {
      expect(await world.say(`invitation ${code}`, piotr)).to.include('invitation-authorize');
      const refused = await authorise();
      expect(refused)
        .to.include('P1')
        .and.include(asJson(pl('partnerships:teams.enrolFirst')));
    });

    it('says it is already enrolled in CSP, with its PartnerID and country checked at Partner Center (E7, E3)', async () => {
      await world.say('rejestracja', piotr);
      expect(await world.press({ verb: 'continue', step: 'already-enrolled' }, piotr)).to.include(
        asJson(pl('enrolment:step.already-enrolled.field.mpnId')),
      );
      const wrongCountry = await world.press(
        {
          verb: 'continue',
          step: 'already-enrolled',
          enrolmentAction: 'answer',
          mpnId: FABRIKAM.mpnId,
          country: 'SE',
          supportEmail: 'pomoc@fabrikam-it.pl',
          supportPhone: '',
          supportUrl: '',
        },
        piotr,
      );
      expect(wrongCountry).to.include('E3');
      const saved = await world.press(
        {
          verb: 'continue',
          step: 'already-enrolled',
          enrolmentAction: 'answer',
          mpnId: FABRIKAM.mpnId,
          country: 'PL',
          supportEmail: 'pomoc@fabrikam-it.pl',
          supportPhone: '',
          supportUrl: '',
        },
        piotr,
      );
      expect(saved).to.include(asJson(pl('enrolment:progress.alreadyEnrolledDone')));
      await world.say('anuluj', piotr);
    });

    it('authorises: Partner Center, asked through the distributor, knows it and already lists it, so the partnership is active; the card says so in place, once (P1, P3, P6)', async () => {
      const slackBefore = world.slackApi.callsOf('chat.postMessage').length;
      const replies = await world.press(
        { verb: 'invitation-authorize', code, consent: 'true' },
        piotr,
        'card-invitation',
        0,
      );
      expect(replies).to.equal('');
      const authorised = pl('partnerships:teams.authorised', { provider: DEMO.provider.name, who: '\u0000' });
      const accepted = await world.cardReplaced(
        (json) => json.includes(asJson(authorised.split('\u0000')[0])),
        'the authorised partnership',
      );
      expect(accepted).to.not.include('P1').and.not.include('P6');
      const listing = await world.slack.slashAnswer('resellers', REP);
      expect(listing)
        .to.include(FABRIKAM.name)
        .and.include(en('partnerships:state.active'))
        .and.include(en('partnerships:slack.resellers.mpaSigned'));
      await world.slackApi.waitFor('chat.postMessage', slackBefore + 1);
      expect(await world.say('dostawcy', piotr)).to.include(asJson(DEMO.provider.name));
    });
  });
