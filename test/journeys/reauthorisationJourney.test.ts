import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER } from '../support/drivers/contosoInSlack';
import { partneredAsAlreadyEnrolled } from '../support/drivers/partnerRoad';

const CHANNEL = 'C0REAUTH';
const DAY_MS = 86_400_000;
const pl = catalog('pl');
const en = catalog('en');
const FABRIKAM = DEMO.resellerReady;

/**
 * Issue 16 item 5, from an empty store: Fabrikam IT (already enrolled, E7) partners with Contoso through
 * Slack and Teams; the clock is moved to 60 days before its first anniversary month with no revenue
 * through Contoso, and both sides are told once what is missing (A1, A2). Fabrikam then tells us in Teams
 * that MFA is on, the operator records USD 400 of revenue, and 30 days before both sides hear what is
 * still missing and what failing costs (A2).
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: staying authorised, the countdown before the anniversary month, from an empty store, on ${backend.name} (A1, A2)`, () => {
    let clock = new Date();
    const world = journeyWorld(backend, 'T0JOURNEYREAUTH', {
      channel: CHANNEL,
      clock: () => clock,
      env: { REAUTHORISATION_POLL_MS: '100' },
      // The sandbox's Fabrikam is shared by every journey on the same store: leave its revenue as found.
      leaveAsFound: () => world.operator('revenue', FABRIKAM.tenantId, '0'),
    });
    const piotr = {
      tenantId: FABRIKAM.tenantId,
      aadObjectId: 'aad-piotr-reauth',
      name: 'Piotr Nowak',
      locale: 'pl-PL',
    };
    let anniversary = '';

    const countdownIn = (t: typeof pl, audience: 'reseller' | 'distributor', days: number) =>
      t(`reauthorisation:countdown.${audience}`, { days, anniversary, companyName: FABRIKAM.name });
    const isNotice = (t: typeof pl, audience: 'reseller' | 'distributor', days: number) => (json: string) =>
      json.includes(asJson(countdownIn(t, audience, days)));

    it('partners Fabrikam with Contoso: set up and invited in Slack, already enrolled (E7), authorised in Teams (P3)', async () => {
      await partneredAsAlreadyEnrolled(world, { admin: ADMIN, approver: APPROVER }, piotr, {
        ...FABRIKAM,
        supportEmail: 'pomoc@fabrikam-it.pl',
      });
      // A1: the review falls in the month the partnership was confirmed, from the first anniversary on.
      anniversary = new Date(Date.UTC(clock.getUTCFullYear() + 1, clock.getUTCMonth(), 1)).toISOString();
    });

    it('shows the reseller its next review in Teams, each item missing with what to do, in Polish (A1)', async () => {
      const card = await world.say(pl('reauthorisation:teams.words.reauthorisation'), piotr);
      expect(card)
        .to.include(asJson(pl('reauthorisation:card.title')))
        .and.include(asJson(pl('reauthorisation:card.firstReview')))
        .and.include(asJson(pl('reauthorisation:fix.mfa.reseller')))
        .and.include(asJson(pl('reauthorisation:source.partner-center')));
    });

    it('60 days before the anniversary month below USD 1,000, tells the reseller in Teams and the distributor in Slack what is missing (A1, A2)', async function () {
      this.timeout(30_000);
      clock = new Date(Date.parse(anniversary) - 60 * DAY_MS + 12 * 3600_000);
      const teams = await world.teamsReceived(isNotice(pl, 'reseller', 60), 'the 60-day notice in Teams');
      expect(teams)
        .to.include(
          asJson(pl('reauthorisation:fix.revenue-below.reseller', { short: 1000, provider: DEMO.provider.name })),
        )
        .and.include(asJson(pl('reauthorisation:fix.mfa.reseller')))
        .and.include(asJson(pl('reauthorisation:fix.security-contact.reseller')))
        .and.include(asJson(pl('reauthorisation:fix.endorsement.reseller')))
        .and.not.include(asJson(pl('reauthorisation:countdown.final.reseller')));
      const slack = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && isNotice(en, 'distributor', 60)(json),
        'the 60-day notice in the distributor channel',
      );
      expect(slack)
        .to.include(asJson(en('reauthorisation:fix.revenue-below.distributor', { short: 1000 })))
        .and.include(asJson(en('reauthorisation:fix.mfa.distributor')));
    });

    it('keeps what the reseller tells us in Teams, with the date, as what it told us, in the card and the checklist (A1, API1)', async () => {
      const answer = await world.press(
        { verb: 'reauthorisation-report', mfa: 'true', 'security-contact': 'false', endorsement: 'false' },
        piotr,
        'card-reauth',
        2,
      );
      expect(answer)
        .to.include(asJson(pl('reauthorisation:card.saved')))
        .and.include(asJson(pl('reauthorisation:source.reseller-told', { at: clock.toISOString() })));
      // The enrolment checklist shows the same, as "you told us" with the date, beside what is still to do.
      const checklist = await world.say('rejestracja', piotr);
      const row = (id: string, mark: string, status: string) =>
        pl('enrolment:progress.row', { mark, label: pl(`reauthorisation:item.${id}`), status, rule: 'A1' });
      expect(checklist)
        .to.include(asJson(row('mfa', '✅', pl('reauthorisation:source.reseller-told', { at: clock.toISOString() }))))
        .and.include(asJson(row('endorsement', '⬜', pl('rules:prerequisite-status.missing'))));
      await world.say('anuluj', piotr);
    });

    it('shows the yearly review under ready, to the reseller in Teams and the distributor in Slack, with what is still missing (A1, A2)', async () => {
      const missing = ['revenue', 'security-contact', 'endorsement'];
      const card = await world.say(pl('ready:words.ready'), piotr);
      expect(card)
        .to.include(asJson(pl('ready:review.title')))
        .and.include(asJson(pl('ready:review.missing')));
      for (const id of missing) expect(card).to.include(asJson(`• ${pl(`reauthorisation:item.${id}`)}`));
      expect(card, 'reported in Teams, so no longer missing').to.not.include(
        asJson(`• ${pl('reauthorisation:item.mfa')}`),
      );
      const view = await world.slack.slashAnswer(`ready ${FABRIKAM.name}`, APPROVER);
      expect(view)
        .to.include(en('ready:review.title'))
        .and.include(en('ready:review.more.distributor', { word: en('reauthorisation:teams.words.reauthorisation') }));
    });

    it('30 days before, tells both sides once more what is still missing, and that failing costs the authorisation for a year (A2)', async function () {
      this.timeout(60_000);
      expect(await world.operator('revenue', FABRIKAM.tenantId, '400')).to.include('400');
      clock = new Date(Date.parse(anniversary) - 30 * DAY_MS + 12 * 3600_000);
      const teams = await world.teamsReceived(isNotice(pl, 'reseller', 30), 'the 30-day notice in Teams');
      expect(teams)
        .to.include(
          asJson(pl('reauthorisation:fix.revenue-below.reseller', { short: 600, provider: DEMO.provider.name })),
        )
        .and.include(asJson(pl('reauthorisation:countdown.final.reseller')))
        .and.not.include(asJson(pl('reauthorisation:fix.mfa.reseller')));
      const slack = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && isNotice(en, 'distributor', 30)(json),
        'the 30-day notice in the distributor channel',
      );
      expect(slack)
        .to.include(asJson(en('reauthorisation:fix.revenue-below.distributor', { short: 600 })))
        .and.include(asJson(en('reauthorisation:countdown.final.distributor')))
        .and.not.include(asJson(en('reauthorisation:fix.mfa.distributor')));
    });

    it('told each side the 60-day notice once, however many passes ran since (A2)', () => {
      expect(world.teamsCount(isNotice(pl, 'reseller', 60))).to.equal(1);
      const slack60 = world.slackApi
        .callsOf('chat.postMessage')
        .filter((c) => isNotice(en, 'distributor', 60)(JSON.stringify(c.args)));
      expect(slack60).to.have.length(1);
    });
  });
