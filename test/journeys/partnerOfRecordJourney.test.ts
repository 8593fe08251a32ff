import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, CHANNEL } from '../support/drivers/contosoInSlack';
import { requestCustomer, STANDARD } from '../support/drivers/resellerRoad';
import { partneredAsAlreadyEnrolled } from '../support/drivers/partnerRoad';

const pl = catalog('pl');
const en = catalog('en');
const FABRIKAM = DEMO.resellerReady;
const COMPANY = 'Piekarnia Kowalski sp. z o.o.';

/**
 * Issue 15 item 3, from an empty store: Fabrikam IT (already enrolled, E7) partners with Contoso; the
 * operator puts it into a cause of R2 (scripts/sandbox.ts por), so its customer request is refused in
 * Teams with the cause and the ways forward before the distributor sees it; fixed, the request goes
 * through, the Slack message shows the partner-of-record check, and it is approved. Then a licence
 * change for that customer's subscription, asked in Teams and approved in Slack after validation (R1).
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: partner of record before every order and every change, from an empty store, on ${backend.name} (R1, R2, NCE1)`, () => {
    const world = journeyWorld(backend, 'T0JOURNEYPOR', {
      // The sandbox's Fabrikam is shared by every journey on the same store: never leave it held.
      leaveAsFound: () => world.operator('por', FABRIKAM.tenantId, 'clear'),
    });
    const piotr = { tenantId: FABRIKAM.tenantId, aadObjectId: 'aad-piotr-por', name: 'Piotr Nowak', locale: 'pl-PL' };
    const domain = `piekarnia-${Date.now().toString(36)}.pl`;
    let requestId = '';

    const approve = async (id: string, ts: string) => {
      const click = world.slack.buttonClick('customers.approve', id, APPROVER, { from: 'message', messageTs: ts });
      expect((await click.response).status).to.equal(200);
    };

    it('partners Fabrikam with Contoso: set up and invited in Slack, already enrolled (E7), authorised in Teams (P3)', async () => {
      await partneredAsAlreadyEnrolled(world, { admin: ADMIN, approver: APPROVER }, piotr, {
        ...FABRIKAM,
        supportEmail: 'pomoc@fabrikam-it.pl',
      });
    });

    it('shows in Teams, before any order, each condition with its source and the fix for a suspended reseller (issue 15: ready, R1, R2, API1)', async function () {
      this.timeout(60_000);
      expect(await world.operator('por', FABRIKAM.tenantId, 'suspended')).to.include('suspended');
      const card = await world.say(pl('ready:words.ready'), piotr);
      expect(card).to.include(asJson(pl('ready:title.reseller', { distributor: DEMO.provider.name })));
      expect(card).to.include(asJson(pl('ready:verdict.notReady', { met: 5, total: 6 })));
      // Every condition, each with its source: what Partner Center says, or what Piotr told us (API1).
      for (const id of ['enrolled', 'partner-id', 'region', 'mpa', 'partner-of-record', 'partnership']) {
        expect(card).to.include(asJson(pl(`ready:condition.${id}`)));
      }
      expect(card).to.include(asJson(pl('ready:source.partner-center')));
      // The cause in the rule's words and the fix where Piotr's company can act (R2).
      expect(card)
        .to.include(
          asJson(pl('rules:violation.R2.reseller-suspended', { partnerId: FABRIKAM.mpnId, errorCode: '900400' })),
        )
        .and.include(asJson(pl('ready:fix.R2.reseller-suspended.reseller')))
        .and.include(asJson(pl('rules:option.R2.name-another-reseller.reseller')));
    });

    it('shows the same reseller to the distributor in Slack, each fix addressed to whoever can act (issue 15: ready, R2)', async () => {
      const view = await world.slack.slashAnswer('ready Fabrikam', APPROVER);
      expect(view)
        .to.include(asJson(en('ready:title.distributor', { reseller: FABRIKAM.name })))
        .and.include(asJson(en('ready:fix.R2.reseller-suspended.distributor')))
        .and.include(asJson(en('rules:option.R2.name-another-reseller.distributor')))
        .and.include(asJson(en('ready:source.partner-center')));
      // The same view one click away on the reseller's row in /csp resellers.
      const listing = await world.slack.slashAnswer('resellers', APPROVER);
      expect(listing).to.include('readiness.reseller');
      const clicked = await world.slack.clickAnswer('readiness.reseller', FABRIKAM.tenantId, APPROVER);
      expect(clicked).to.include(asJson(en('ready:fix.R2.reseller-suspended.distributor')));
    });

    it('is refused in Teams at submission while Partner Center holds the reseller suspended, with the fix and another reseller as ways forward (R1, R2)', async function () {
      this.timeout(60_000);
      const asked = await requestCustomer(
        world,
        piotr,
        { companyName: COMPANY, domain, licences: { [STANDARD]: 10 } },
        'card-refused',
      );
      expect(asked.submitted)
        .to.include('R2')
        .and.include(asJson(pl('rules:option.R2.fix-cause.reseller')))
        .and.include(asJson(pl('rules:option.R2.name-another-reseller.reseller')));
      expect(
        world.slackApi.callsOf('chat.postMessage').some((c) => JSON.stringify(c.args).includes(asked.requestId)),
      ).to.equal(false);
    });

    it('goes to the distributor once the cause is fixed; the approval message shows the partner-of-record check (R1)', async function () {
      this.timeout(60_000);
      expect(await world.operator('por', FABRIKAM.tenantId, 'clear')).to.include('cleared');
      const asked = await requestCustomer(
        world,
        piotr,
        { companyName: COMPANY, domain, licences: { [STANDARD]: 10 } },
        'card-fixed',
      );
      expect(asked.submitted).to.include(asJson(DEMO.provider.name));
      requestId = asked.requestId;
      const message = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(requestId),
        'the approval request in the channel',
      );
      expect(message).to.include('R1').and.include(FABRIKAM.mpnId);
    });

    it('is refused at Approve in Slack, in the distributor’s words, when Partner Center holds the reseller since submission (R1, R2)', async function () {
      this.timeout(60_000);
      await world.operator('por', FABRIKAM.tenantId, 'compliance');
      const answer = await world.slack.clickAnswer('customers.approve', requestId, APPROVER, {
        from: 'message',
        messageTs: '300.1',
      });
      expect(answer)
        .to.include('R2')
        .and.include(asJson(en('rules:option.R2.fix-cause.distributor')))
        .and.include(asJson(en('rules:option.R2.name-another-reseller.distributor')));
      // The message in the channel is drawn again with the failed check and its cause, for whoever reads it next.
      const cause = en('rules:violation.R2.compliance', { partnerId: FABRIKAM.mpnId, errorCode: '900400' });
      await world.slackCalled(
        'chat.update',
        (json) => json.includes(requestId) && json.includes(asJson(cause)),
        'the approval message redrawn with the failed check',
      );
      await world.operator('por', FABRIKAM.tenantId, 'clear');
    });

    it('is approved in Slack after the check runs again; the customer is created (R1, C3)', async () => {
      const from = world.connector.received.length;
      await approve(requestId, '300.1');
      const told = pl('customers:teams.outcome.approved.new-customer', {
        provider: DEMO.provider.name,
        company: COMPANY,
        domain: '\u0000',
      }).split('\u0000')[0];
      await world.teamsReceived((json) => json.includes(asJson(told)), 'the approval notice', from);
    });

    it('shows every condition met once fixed, and the new customer’s agreement as Partner Center holds it (issue 15: ready, MCA1)', async () => {
      const card = await world.say(`${pl('ready:words.ready')} ${domain}`, piotr);
      expect(card).to.include(asJson(pl('ready:verdict.ready.reseller')));
      expect(card).to.not.include(asJson(pl('ready:state.failed')));
      const agreed = pl('ready:customers.met', { company: COMPANY, domain: '\u0000' }).split('\u0000')[0];
      expect(card).to.include(asJson(agreed));
    });

    it('asks in Teams to change the licence count, and the distributor approves it after validation (R1, NCE1)', async () => {
      await world.say(pl('customers:teams.words.customers'), piotr);
      const existing = await world.press({ verb: 'customers-existing' }, piotr, 'card-lc-form');
      const customer = new RegExp(`"(${world.providerId}\\|[0-9a-f-]{36})"`).exec(existing)?.[1] ?? '';
      expect(customer, existing.slice(0, 300)).to.not.equal('');
      const card = await world.press(
        { verb: 'customers-existing-next', customer, kind: 'licence-change' },
        piotr,
        'card-lc-existing',
      );
      expect(card).to.include(asJson(pl('customers:teams.licenceChange.title')));
      const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(card)?.[1] ?? '';
      const subscription = /"id":"qty:([0-9a-f-]{36})"/.exec(card)?.[1] ?? '';
      const review = await world.press(
        { verb: 'customers-review', draftId, [`qty:${subscription}`]: '12' },
        piotr,
        'card-lc',
      );
      expect(review).to.include('customers-submit');
      await world.pressRedrawn({ verb: 'customers-submit', draftId }, piotr, 'card-lc-review');
      const message = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(draftId),
        'the licence change in the channel',
      );
      expect(message).to.include(asJson(en('customers:slack.request.kind.licence-change')));
      const from = world.connector.received.length;
      await approve(draftId, '300.2');
      const told = pl('customers:teams.outcome.approved.licence-change', {
        provider: DEMO.provider.name,
        company: COMPANY,
        count: 1,
      });
      await world.teamsReceived((json) => json.includes(asJson(told)), 'the licence change notice', from);
    });
  });
