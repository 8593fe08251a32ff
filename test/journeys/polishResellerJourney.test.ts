import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asHtml, asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, CHANNEL, REP } from '../support/drivers/contosoInSlack';
import {
  acceptInPartnerCenter,
  answerStep,
  authorise,
  confirmedOnCheckNow,
  enrol,
  EXCHANGE,
  inviteReseller,
  mpaSignedInPartnerCenter,
  pickStep,
  requestCustomer,
  STANDARD,
  TAILSPIN_PROFILE,
  verifiedByPartnerCenter,
} from '../support/drivers/resellerRoad';

const pl = catalog('pl');
const en = catalog('en');

const TAILSPIN = DEMO.mpnOnly;
const CONTACT = TAILSPIN_PROFILE.contactEmail;

/**
 * Issue 12's journey, from an empty store, as the people take it: a Polish reseller (a pl-PL Teams
 * client) enrols with the sandbox's free profile Tailspin Toys, verification and the MPA come from
 * Partner Center (the operator's scripts/sandbox.ts), the distributor sets up and invites in Slack,
 * the reseller authorises in Teams and in (the stand-in for) Partner Center, the partnership is
 * confirmed, and a customer with two subscriptions is approved in Slack.
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: a Polish reseller from enrolment to its first customer, from an empty store, on ${backend.name} (E2–E5, M1–M4, P1–P6, C3)`, () => {
    const world = journeyWorld(backend, 'T0JOURNEYPL');
    const tenantId = randomUUID();
    const anna = { tenantId, aadObjectId: 'aad-anna-tailspin', name: 'Anna Nowak', locale: 'pl-PL' };
    // A colleague who has talked to the assistant: told of what Anna's clicks bring about.
    const piotr = { tenantId, aadObjectId: 'aad-piotr-tailspin', name: 'Piotr Zieliński', locale: 'pl-PL' };
    /** How many messages (not card updates) in `person`'s chat include `text`. */
    const messagesTo = (person: { aadObjectId: string }, text: string) =>
      world.connector.received.filter(
        (r) => r.conversationId === `a:personal-${person.aadObjectId}` && JSON.stringify(r.activity).includes(text),
      ).length;
    let invitationCode = '';
    let partnerCenterLink = '';
    let requestId = '';
    let confirmedByAnna = false;

    const pick = (step: string) => pickStep(world, anna, step);
    const answer = (step: string, fields: Record<string, string>) => answerStep(world, anna, step, fields);

    it('enrols with rejestracja, one step at a time, and submits to Partner Center (E2–E5)', async () => {
      const enrolment = await enrol(world, anna, TAILSPIN_PROFILE);
      expect(enrolment.checklist).to.include(asJson(pl('enrolment:progress.title')));
      for (const [step, reply] of enrolment.answers) {
        expect(reply, step).to.include(asJson(pl('enrolment:progress.title')));
      }
      expect(enrolment.submitted).to.include(asJson(pl('enrolment:submitted.title')));
    });

    it('hears that Microsoft verified the organisation, after the operator moves verification to Authorized (E5)', async function () {
      this.timeout(60_000);
      expect(await verifiedByPartnerCenter(world, anna)).to.include('Authorized');
    });

    it('records a ticked MPA as what the reseller told us, while Partner Center does not show it (M4)', async () => {
      await pick('mpa');
      const progress = await answer('mpa', { mpaSigned: 'true' });
      expect(progress).to.include(asJson(pl('enrolment:progress.mpaReported')));
      // The checklist is still open: status answers from inside it (commands from anywhere).
      const status = await world.say('status', anna);
      expect(status).to.include(asJson(pl('enrolment:status.mpa.unsigned')));
    });

    it('hears once that the MPA is signed when Partner Center says so (sign-mpa, M1, M4)', async function () {
      this.timeout(60_000);
      await mpaSignedInPartnerCenter(world, anna, TAILSPIN.partnerName);
      const signed = asJson(pl('notifications:mpa.signed', { companyName: TAILSPIN.partnerName }));
      expect(await world.say('status', anna)).to.include(asJson(pl('enrolment:status.mpa.signed')));
      expect(world.teamsCount((json) => json.includes(signed))).to.equal(1);
    });

    it('sets the distributor up in Slack with /csp setup (sandbox: the Partner Center link defaults to the stand-in)', async () => {
      await world.setUpDistributor(ADMIN, APPROVER, DEMO.provider);
      await world.slackCalled('chat.postMessage', (json) => json.includes(DEMO.provider.name), 'the set-up answer');
    });

    it("invites the reseller's primary contact with /csp invite; the invitation card reaches the reseller in Teams (P2)", async () => {
      const { response, code, card } = await inviteReseller(world, APPROVER, {
        email: CONTACT,
        companyName: TAILSPIN.partnerName,
        mpnId: TAILSPIN.mpnId,
      });
      expect(response.json?.response_action, response.text).to.equal('update');
      invitationCode = code;
      expect(card).to.include(asJson(pl('partnerships:teams.card.intro', { provider: DEMO.provider.name })));
      // The rep reads Slack in English; the email is the Polish reseller's to read: the modal offered
      // Polish (the distributor is in Poland) and the rep left it so.
      const draft = JSON.stringify(response.json?.view);
      expect(draft).to.include(asJson(en('partnerships:slack.invite.draftIntro')));
      const greeting = pl('partnerships:slack.invite.draftEmail', {
        company: TAILSPIN.partnerName,
        provider: DEMO.provider.name,
        link: '\u0000',
        expires: new Date(),
      }).split('\u0000')[0];
      expect(draft).to.include(asJson(greeting));
    });

    it('authorises with the box ticked: accepted here (the card says so in place, once), the next card leads to Partner Center (P1, P3, P6)', async () => {
      const { replies, partnerCenterLink: link } = await authorise(world, anna, invitationCode);
      const accepted = pl('partnerships:teams.accepted', { provider: DEMO.provider.name, who: '\u0000' });
      await world.cardReplaced((json) => json.includes(asJson(accepted.split('\u0000')[0])), 'the accepted invitation');
      expect(replies).to.not.include(asJson(accepted.split('\u0000')[0]));
      expect(replies).to.include(asJson(pl('partnerships:teams.awaiting.title', { provider: DEMO.provider.name })));
      expect(replies).to.include(asJson(pl('partnerships:teams.awaiting.open')));
      partnerCenterLink = link;
      expect(partnerCenterLink).to.include('/sandbox/partner-center/relationship-request/');
      const listing = await world.slack.slashAnswer('resellers', REP);
      expect(listing).to.include(TAILSPIN.partnerName).and.include(en('partnerships:state.awaiting-partner-center'));
    });

    it('authorises the distributor on the Partner Center page (the sandbox stand-in), as a browser does (P3)', async () => {
      // Piotr talks to the assistant before Partner Center has the relationship: from then on the periodic
      // pass may confirm it at any moment, and a notice reaches only the people it knows of when it is sent.
      await world.say(pl('common:words.help'), piotr);
      const { page, done } = await acceptInPartnerCenter(world, partnerCenterLink);
      expect(page.status).to.equal(200);
      expect(page.html)
        .to.include(asHtml(pl('partnerships:standIn.title', { provider: DEMO.provider.name })))
        .and.include(asHtml(pl('partnerships:standIn.signedInAs', { reseller: TAILSPIN.partnerName })));
      expect(done.status).to.equal(200);
      expect(done.html).to.include(asHtml(pl('partnerships:standIn.done', { provider: DEMO.provider.name })));
    });

    it('is confirmed from the distributor’s relationship list on Check now: the reseller and the channel hear it once (P3)', async () => {
      ({ byThisClick: confirmedByAnna } = await confirmedOnCheckNow(world, anna, DEMO.provider.name));
      const confirmed = asJson(pl('partnerships:teams.confirmed', { provider: DEMO.provider.name }));
      // Anna reads it on the card she pressed, and nothing more; her colleague gets the notice. (When the
      // periodic pass confirmed it a moment before her click, its notice reached her too, and her card
      // says when Partner Center confirmed it.)
      const noticeTo = (person: { aadObjectId: string }) =>
        world.teamsReceived(
          (json) => json.includes(confirmed) && json.includes(`a:personal-${person.aadObjectId}`),
          `the notice to ${person.aadObjectId}`,
        );
      await noticeTo(piotr);
      if (!confirmedByAnna) await noticeTo(anna);
      const notice = en('partnerships:slack.notice.confirmed', { reseller: TAILSPIN.partnerName });
      await world.slackCalled('chat.postMessage', (json) => json.includes(asJson(notice)), 'the channel notice');
      const listing = await world.slack.slashAnswer('resellers', REP);
      expect(listing).to.include(TAILSPIN.partnerName).and.include(en('partnerships:state.active'));
      expect(messagesTo(anna, confirmed)).to.equal(confirmedByAnna ? 0 : 1);
      expect(messagesTo(piotr, confirmed)).to.equal(1);
    });

    it('refuses an order without the customer agreement: the review names what is missing, nothing is sent (MCA1)', async () => {
      const form = await world.say(pl('customers:teams.words.customers'), anna);
      expect(form).to.include('customers-offers');
      const domain = `bez-umowy-${tenantId.slice(0, 8)}.pl`;
      const details = {
        verb: 'customers-offers',
        companyName: 'Bez Umowy sp. z o.o.',
        domain,
        country: 'PL',
        adminEmail: `it@${domain}`,
        providerId: world.providerId,
        line1: 'ul. Prosta 1',
        city: 'Warszawa',
        postalCode: '00-001',
      };
      const offers = await world.press(details, anna, 'card-mca-details');
      // The card asks who accepted the agreement, with the admin's email already filled in.
      expect(offers)
        .to.include(asJson(pl('customers:teams.agreement.title')))
        .and.include(asJson(`it@${domain}`));
      const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(offers)?.[1] ?? '';
      // Anna leaves the names empty: Teams sends the fields as they are.
      const bare = {
        verb: 'customers-review',
        draftId,
        [`qty:${STANDARD}`]: '5',
        mcaFirstName: '',
        mcaEmail: `it@${domain}`,
      };
      const refused = await world.press(bare, anna, 'card-mca-offers');
      expect(refused)
        .to.include(asJson(pl('customers:refusal.mca-signer-missing')))
        .and.not.include('customers-submit');
      const submitted = await world.pressRedrawn({ verb: 'customers-submit', draftId }, anna, 'card-mca-review');
      expect(submitted).to.not.include(asJson(DEMO.provider.name));
    });

    it('refuses Tailspin as its own customer, and its own address as a customer’s admin: its domain is the one its primary contact gave at enrolment (C8, E4)', async () => {
      const [, ownDomain] = CONTACT.split('@');
      const details = (domain: string, adminEmail: string, card: string) =>
        world.press(
          {
            verb: 'customers-offers',
            companyName: 'Sklep Tailspin sp. z o.o.',
            domain,
            country: 'PL',
            adminEmail,
            providerId: world.providerId,
            line1: 'ul. Prosta 1',
            city: 'Warszawa',
            postalCode: '00-001',
          },
          anna,
          card,
        );
      await world.say(pl('customers:teams.words.customers'), anna);
      const ownAdmin = await details(`nowy-klient-${tenantId.slice(0, 8)}.pl`, CONTACT, 'card-own-admin');
      expect(ownAdmin)
        .to.include(asJson(pl('rules:validation.admin-email-partner-domain')))
        .and.not.include('"draftId"');
      await world.say(pl('customers:teams.words.customers'), anna);
      const itself = await details(`sklep.${ownDomain}`, `jan@nowy-klient-${tenantId.slice(0, 8)}.pl`, 'card-itself');
      expect(itself).to.include('(zasada C8)').and.include('partner CSP nie może sprzedawać samemu sobie');
      expect(itself).to.not.include('"draftId"');
      // What the reader recognises comes first: its own company (C8), then where to buy instead (C9).
      expect(itself.indexOf('(zasada C8)')).to.be.below(itself.indexOf('(zasada C9)'));
      // Nothing is typed twice: the pressed form comes back as typed, above the reason.
      const form = await world.cardReplaced(
        (json) => json.includes(`"value":"sklep.${ownDomain}"`),
        'the form as typed',
      );
      expect(form)
        .to.include('"value":"Sklep Tailspin sp. z o.o."')
        .and.include(`"value":"jan@nowy-klient-${tenantId.slice(0, 8)}.pl"`)
        .and.include('"value":"ul. Prosta 1"');
    });

    it('asks for a new customer with two subscriptions in Teams (C3, P9)', async () => {
      const domain = `piekarnia-${tenantId.slice(0, 8)}.pl`;
      const asked = await requestCustomer(world, anna, {
        companyName: 'Piekarnia Kowalski sp. z o.o.',
        domain,
        licences: { [STANDARD]: 10, [EXCHANGE]: 3 },
      });
      expect(asked.form).to.include('customers-offers');
      requestId = asked.requestId;
      expect(asked.review).to.include('customers-submit');
      expect(asked.submitted).to.include(asJson(DEMO.provider.name));
    });

    it('lists the request as waiting when the reseller types prośby: the customer, the distributor, how long (C3, NCE1)', async () => {
      const waiting = await world.say('prośby', anna);
      expect(waiting)
        .to.include(asJson(pl('customers:teams.waiting.title', { count: 1 })))
        .and.include('Piekarnia Kowalski sp. z o.o.')
        .and.include(asJson(DEMO.provider.name))
        .and.include(asJson(pl('customers:teams.waiting.ageFresh')), waiting);
    });

    it('is approved in Slack; the customer is created and the reseller is told (C3)', async () => {
      await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(requestId),
        'the approval request in the channel',
      );
      const from = world.connector.received.length;
      const click = world.slack.buttonClick('customers.approve', requestId, APPROVER, {
        from: 'message',
        messageTs: '200.1',
      });
      expect((await click.response).status).to.equal(200);
      const told = pl('customers:teams.outcome.approved.new-customer', {
        provider: DEMO.provider.name,
        company: 'Piekarnia Kowalski sp. z o.o.',
        domain: '\u0000',
      }).split('\u0000')[0];
      await world.teamsReceived((json) => json.includes(asJson(told)), 'the approval notice', from);
      const nothingWaiting = pl('customers:teams.waiting.none', { customers: pl('customers:teams.words.customers') });
      expect(await world.say('prosby', anna), 'typed without Polish letters').to.include(asJson(nothingWaiting));
    });

    it('showed the rep who accepted the customer agreement and when; Partner Center has it, so the next order does not ask (MCA1)', async () => {
      const post = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(requestId),
        'the approval request in the channel',
      );
      expect(post)
        .to.include(asJson(en('customers:slack.request.agreement')))
        .and.include('Ewa Lis');
      const list = await world.press({ verb: 'customers-existing' }, anna, 'card-mca-existing');
      const choice = /"value":"(slack:[A-Za-z0-9]+\|[0-9a-f-]{36})"/.exec(list)?.[1];
      expect(choice, 'the new customer in the list').to.be.a('string');
      const next = { verb: 'customers-existing-next', customer: choice, kind: 'add-subscription' };
      const offers = await world.press(next, anna, 'card-mca-existing-next');
      // Read back from Partner Center: the agreement is on record, so the card does not ask again.
      expect(offers).to.include(`qty:${STANDARD}`).and.not.include('mcaFirstName');
    });

    it('answers a later Check now (other cards pressed since) on the card itself, with when Partner Center confirmed it, and sends nothing more (P3)', async () => {
      const from = world.connector.received.length;
      await world.press({ verb: 'partnership-check', provider: world.providerId }, anna, 'card-awaiting', 0);
      const already = pl('partnerships:teams.alreadyConfirmed', { provider: DEMO.provider.name, when: '\u0000' });
      await world.cardReplaced((json) => json.includes(asJson(already.split('\u0000')[0])), 'the earlier confirmation');
      expect(world.connector.received.length).to.equal(from);
    });

    it('has told the reseller of the MPA and of the confirmation once each, over the whole walk (M4, P3)', () => {
      const signed = asJson(pl('notifications:mpa.signed', { companyName: TAILSPIN.partnerName }));
      const confirmed = asJson(pl('partnerships:teams.confirmed', { provider: DEMO.provider.name }));
      expect(messagesTo(anna, signed)).to.equal(1);
      // Anna's confirmation is her card; Piotr's is the notice.
      expect(messagesTo(anna, confirmed)).to.equal(confirmedByAnna ? 0 : 1);
      expect(messagesTo(piotr, confirmed)).to.equal(1);
    });
  });
