import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { CustomerRequest } from '../../services/customers';
import { message } from '../support/drivers/teamsActivities';
import { DEMO, fresh } from '../support/fixtures/partnerships';
import { initialDomainPrefix } from '../../services/domain/customerDomain';
import {
  ADMIN,
  APPROVER,
  APPROVER2,
  APPROVER_NAME,
  BACKENDS,
  CHANNEL,
  type CustomerWorld,
  FABRIKAM,
  newDomain,
  OFFERS,
  piotr,
  REP,
} from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';

const requestOf = (world: CustomerWorld, id: string) =>
  world.assistant.store.records.read<CustomerRequest>(`customers:request:${id}`).then((r) => r?.value);

/** Every file under a directory, as text (the SQLite file and its WAL included). */
function everyFile(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? everyFile(full) : readFileSync(full).toString('latin1');
    })
    .join('\n');
}

for (const backend of BACKENDS)
  describe(`Customer onboarding over HTTP: Teams steps, Slack approval (C3, C4, C5, C6, P9), on ${backend.name}`, () => {
    const world = customerWorld(backend, { team: `T0CUSTOMERS${backend.name.toUpperCase()}` });

    describe('putting a request together in Teams (C3: details, subscriptions, review, Submit or Cancel)', () => {
      it('shows the details card with the provider, and Next, Invite and An existing customer', async () => {
        const text = await world.teams(message(world.connector.url, 'customers', piotr), 1);
        expect(text)
          .to.include('Contoso Dystrybucja')
          .and.include('customers-offers')
          .and.include('customers-invite')
          .and.include('customers-existing');
      });

      it("offers the provider's catalogue with licence counts, then reviews the request and the rule checks it passed", async () => {
        const draftId = await world.startNewCustomer(newDomain());
        const offers = world.connector.received.at(-1)?.activity;
        expect(JSON.stringify(offers))
          .to.include(`qty:${OFFERS.standard.id}`)
          .and.include(OFFERS.exchange.name)
          .and.include('customers-cancel');
        const review = await world.review(draftId);
        expect(review)
          .to.include('Review your request')
          .and.include('Nowy Klient sp. z o.o.')
          .and.include(`${OFFERS.standard.name}: 10 licences, your PartnerID 2345678 on record (rule P9)`)
          .and.include(`${OFFERS.exchange.name}: 3 licences`)
          .and.include('The customer is in your CSP region (C7)')
          .and.include('not one of this distributor')
          .and.include('customers-submit')
          .and.include('customers-cancel');
        expect(review).to.not.include(OFFERS.azure.name);
        expect(await requestOf(world, draftId)).to.equal(undefined);
      });

      it('says on the review that subscriptions change on the Microsoft 365 side, never the Azure portal; with Azure, that the customer gives tenant owner (C5, C6)', async () => {
        const withoutAzure = await world.review(await world.startNewCustomer(newDomain()));
        expect(withoutAzure).to.include('never in the Azure portal (rule C5)').and.not.include('tenant owner');
        const draftId = await world.startNewCustomer(newDomain());
        const value = {
          verb: 'customers-review',
          draftId,
          [`qty:${OFFERS.azure.id}`]: '1',
          ...world.agreementOn(draftId),
        };
        const withAzure = await world.teams(world.card(value, 'card-offers'), 1);
        expect(withAzure)
          .to.include(OFFERS.azure.name)
          .and.include('never in the Azure portal (rule C5)')
          .and.include('give you tenant owner in its Azure AD user settings')
          .and.include('(rule C6)');
      });

      it("refuses a licence count outside the offer's limits and sends nothing", async () => {
        const draftId = await world.startNewCustomer(newDomain());
        const value = { verb: 'customers-review', draftId, [`qty:${OFFERS.azure.id}`]: '5' };
        const text = await world.teams(world.card(value), 1);
        expect(text).to.include('Azure plan is sold with 1 licence at most.');
        expect(await requestOf(world, draftId)).to.equal(undefined);
      });

      it("answers a card it cannot read in the user's language, and changes nothing", async () => {
        const text = await world.teams(world.card({ verb: 'customers-submit', draftId: 'not-a-draft' }), 1);
        expect(text).to.include('I could not read what that card sent, so nothing was changed');
      });

      it('gives one request and one answer when Submit is pressed twice at once (a double click), posted once to the approvals channel', async () => {
        const draftId = await world.startNewCustomer(newDomain());
        await world.review(draftId);
        const [sent, redrawn] = [world.connector.received.length, world.connector.updated.length];
        const [a, b] = await Promise.all([world.submit(draftId), world.submit(draftId)]);
        // Said once, on the card pressed: no message repeats it.
        expect(world.connector.received.length).to.equal(sent);
        expect(world.connector.updated.length).to.equal(redrawn + 1);
        expect([a, b].join('\n')).to.include('is with Contoso Dystrybucja').and.not.include('was already sent');
        // Submit on a later copy of the review card is a press of its own: it says where the request went.
        const again = world.card({ verb: 'customers-submit', draftId }, 'card-review-later');
        expect(await world.teams(again, 1)).to.include('was already sent');
        const stored = (await world.assistant.store.records.list<CustomerRequest>('customers:request:')).filter(
          (r) => r.value.id === draftId,
        );
        expect(stored).to.have.length(1);
        await world.approvalPost(draftId);
        const posts = world.slackApi
          .callsOf('chat.postMessage')
          .filter((c) => JSON.stringify(c.args.blocks ?? '').includes(draftId));
        expect(posts).to.have.length(1);
        // The review card no longer offers Submit: it says where the request went.
        const replaced = world.connector.updated.map((u) => JSON.stringify(u.activity)).join('\n');
        expect(replaced)
          .to.include('is with Contoso Dystrybucja sp. z o.o. for approval')
          .and.not.include('customers-submit');
      });

      it('drops the whole request on Cancel: nothing is sent, and a later Submit on the same card says so (C3)', async () => {
        const draftId = await world.startNewCustomer(newDomain());
        await world.review(draftId);
        const posts = world.slackApi.callsOf('chat.postMessage').length;
        const cancelled = await world.pressCard(world.card({ verb: 'customers-cancel', draftId }, 'card-review'));
        expect(cancelled).to.include('Cancelled: nothing about Nowy Klient sp. z o.o. was sent');
        expect(await world.submit(draftId)).to.include('was cancelled, so nothing was sent');
        expect(await requestOf(world, draftId)).to.equal(undefined);
        expect(world.slackApi.callsOf('chat.postMessage')).to.have.length(posts);
      });

      it('refuses a draft of someone else, even with its id', async () => {
        const draftId = await world.startNewCustomer(newDomain());
        const ewa = { tenantId: FABRIKAM, aadObjectId: 'aad-ewa', name: 'Ewa Zielińska' };
        const text = await world.teams(world.card({ verb: 'customers-submit', draftId }, 'card-review', ewa), 1);
        expect(text).to.include('not one you started');
        expect(await requestOf(world, draftId)).to.equal(undefined);
      });
    });

    describe('deciding in Slack', () => {
      let requestId = '';
      let password = '';

      it("lists the pending request on the approvers' App Home, oldest first", async () => {
        const older = await world.submittedRequest(newDomain());
        requestId = await world.submittedRequest(newDomain());
        const home = await world.openHome(APPROVER);
        expect(home).to.include('waiting for approval').and.include('customers.approve');
        const pending = (await world.assistant.store.records.list<CustomerRequest>('customers:request:'))
          .map((r) => r.value)
          .filter((r) => r.state === 'pending')
          .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))
          .map((r) => r.id);
        const order = pending.map((id) => home.indexOf(`"value":"${id}"`));
        expect(order.every((at) => at > 0)).to.equal(true);
        expect(order).to.deep.equal([...order].sort((a, b) => a - b));
        expect(home.indexOf(older)).to.be.lessThan(home.indexOf(requestId));
      });

      it('refuses Approve to someone who is not an approver, and decides nothing', async () => {
        await world.approvalPost(requestId);
        const answer = await world.answerTo(world.click('customers.approve', requestId, REP));
        expect(answer).to.include('Only the approvers');
        expect((await requestOf(world, requestId))?.state).to.equal('pending');
      });

      it('approves: the customer is created, the password goes only to the approver, the message shows who, the reseller is told', async () => {
        const before = world.connector.received.length;
        const publishedBefore = world.slackApi.callsOf('views.publish').length;
        const click = world.click('customers.approve', requestId, APPROVER);
        expect((await click.response).status).to.equal(200);
        await world.slackApi.waitFor('chat.postEphemeral');
        const [ephemeral] = world.slackApi.callsOf('chat.postEphemeral');
        expect(ephemeral.args).to.include({ user: APPROVER, channel: CHANNEL });
        password = /temporary password (\S+)\./.exec(String(ephemeral.args.text))?.[1] ?? '';
        expect(password).to.have.length.greaterThan(7);
        await world.slackApi.waitFor('chat.update');
        expect(JSON.stringify(world.slackApi.callsOf('chat.update')[0].args)).to.include(
          `Approved by ${APPROVER_NAME}`,
        );
        await world.connector.waitFor(before + 1);
        const news = world.connector.received.slice(before).map((r) => JSON.stringify(r.activity));
        expect(news.join('\n')).to.include('approved your request').and.include('Nowy Klient');
        // The approvers' App Homes are refreshed: this request no longer waits there.
        await world.slackApi.waitFor('views.publish', publishedBefore + 2);
        const refreshed = world.slackApi.callsOf('views.publish').slice(publishedBefore);
        expect(refreshed.map((c) => c.args.user_id)).to.include.members([APPROVER, APPROVER2]);
        expect(JSON.stringify(refreshed.at(-1)?.args.view)).to.not.include(requestId);
      });

      it('tells a second approver who was first, and decides nothing more', async () => {
        const answer = await world.answerTo(world.click('customers.approve', requestId, APPROVER2));
        expect(answer).to.include(`already decided (approved) by ${APPROVER_NAME}`);
        expect(world.slackApi.callsOf('chat.postEphemeral')).to.have.length(1);
      });

      it('shows the new customer under the reseller in /csp resellers, with its subscriptions one click away (C3, C4, P9)', async () => {
        const listing = await world.slash('resellers');
        expect(listing).to.include('Fabrikam IT').and.include('customers.resellerCustomers');
        const count = /customers: (\d+)/.exec(listing)?.[1];
        expect(Number(count)).to.be.at.least(1);
        const answer = await world.answerTo(world.click('customers.resellerCustomers', FABRIKAM, REP));
        const request = await requestOf(world, requestId);
        expect(answer)
          .to.include(request?.result?.customerDomain ?? 'missing')
          .and.include(`${OFFERS.standard.name}: 10 licences (reseller on record)`)
          .and.include(`${OFFERS.exchange.name}: 3 licences (reseller on record)`);
      });

      it('never stores, logs, posts to a channel or sends to Teams the temporary password (C3)', async () => {
        expect(password).to.not.equal('');
        expect(JSON.stringify(await world.assistant.store.records.list(''))).to.not.include(password);
        expect(everyFile(world.assistant.dataDir)).to.not.include(password);
        const leaking = world.logs.lines.filter((l) => l.includes(password)).map((l) => l.slice(0, 400));
        expect(leaking, leaking.join('\n')).to.deep.equal([]);
        for (const method of ['chat.postMessage', 'chat.update', 'views.publish']) {
          expect(JSON.stringify(world.slackApi.callsOf(method))).to.not.include(password);
        }
        expect(JSON.stringify(world.connector.received)).to.not.include(password);
      });

      it('approves from the App Home: the credentials go to the approver alone, in the approvals channel, and a direct message says where', async () => {
        const id = await world.submittedRequest(newDomain());
        await world.approvalPost(id);
        const ephemerals = world.slackApi.callsOf('chat.postEphemeral').length;
        const posts = world.slackApi.callsOf('chat.postMessage').length;
        expect((await world.click('customers.approve', id, APPROVER2, { fromHome: true }).response).status).to.equal(
          200,
        );
        await world.slackApi.waitFor('chat.postEphemeral', ephemerals + 1);
        const credentials = world.slackApi.callsOf('chat.postEphemeral').at(-1)?.args;
        expect(credentials).to.include({ user: APPROVER2, channel: CHANNEL });
        await world.slackApi.waitFor('chat.postMessage', posts + 1);
        const direct = world.slackApi
          .callsOf('chat.postMessage')
          .slice(posts)
          .find((c) => c.args.channel === APPROVER2);
        const secret = /temporary password (\S+)\./.exec(String(credentials?.text))?.[1] ?? '';
        expect(secret).to.have.length.greaterThan(7);
        expect(String(direct?.args.text)).to.include('shown to you alone').and.not.include(secret);
        expect((await requestOf(world, id))?.decision?.by.userId).to.equal(APPROVER2);
      });

      it('marks the request failed when Partner Center already has the customer, and tells the rep to invite it instead of "could not carry out" (T4, C1)', async () => {
        const domain = newDomain();
        const id = await world.submittedRequest(domain);
        await world.approvalPost(id);
        // Someone took the customer's initial domain in Partner Center meanwhile (docs/sandbox.md: take-domain).
        await world.operator('take-domain', DEMO.provider.tenantId, initialDomainPrefix(domain), FABRIKAM);
        const before = world.connector.received.length;
        const updates = world.slackApi.callsOf('chat.update').length;
        const answer = await world.answerTo(world.click('customers.approve', id, APPROVER));
        expect(answer).to.not.include('Partner Center could not carry out the request');
        expect(answer).to.include('Partner Center already has a customer with the domain');
        expect(answer).to.include('(rule T4)');
        expect(answer).to.include('Let the reseller invite the customer');
        expect((await requestOf(world, id))?.state).to.equal('failed');
        await world.slackApi.waitFor('chat.update', updates + 1);
        expect(JSON.stringify(world.slackApi.callsOf('chat.update').at(-1)?.args)).to.include(
          'but Partner Center could not carry it out',
        );
        await world.connector.waitFor(before + 1);
        const news = world.connector.received.slice(before).map((r) => JSON.stringify(r.activity));
        expect(news.join('\n')).to.include('Partner Center could not carry it out');
      });

      it('rejects with a reason from the App Home; the reseller hears the reason', async () => {
        const id = await world.submittedRequest(newDomain());
        await world.approvalPost(id);
        const opened = world.slackApi.callsOf('views.open').length;
        await world.click('customers.reject', id, APPROVER2, { fromHome: true }).response;
        await world.slackApi.waitFor('views.open', opened + 1);
        expect(JSON.stringify(world.slackApi.callsOf('views.open').at(-1)?.args.view)).to.include('customers.reject');
        const before = world.connector.received.length;
        const updates = world.slackApi.callsOf('chat.update').length;
        const submitted = await world.rejectWith(id, APPROVER2, 'Duplicate of an existing tenant');
        expect(submitted.status).to.equal(200);
        await world.connector.waitFor(before + 1);
        const news = world.connector.received.slice(before).map((r) => JSON.stringify(r.activity));
        expect(news.join('\n')).to.include('rejected your request').and.include('Duplicate of an existing tenant');
        await world.slackApi.waitFor('chat.update', updates + 1);
        expect(JSON.stringify(world.slackApi.callsOf('chat.update').at(-1)?.args)).to.include(
          'Rejected by u0approver2',
        );
        expect((await requestOf(world, id))?.state).to.equal('rejected');
      });
      it('lets a member of the approver user group decide, as a named approver may (issue 5: approvers as a group)', async () => {
        world.slackApi.userGroups.set('S0CUSTAPPROVERS', {
          name: 'CSP approvers',
          handle: 'csp',
          users: ['U0GROUPIE'],
        });
        // The workspace admin names the group in /csp setup (P10).
        const setup = await world.slack.setUpDistributor(ADMIN, [APPROVER, APPROVER2], DEMO.provider, undefined, {
          id: 'S0CUSTAPPROVERS',
          name: 'CSP approvers',
        });
        expect(setup.text).to.equal('');
        const id = await world.submittedRequest(newDomain());
        await world.approvalPost(id);
        const submitted = await world.rejectWith(id, 'U0GROUPIE', 'Ask the customer to sign the MCA first');
        expect(submitted.status).to.equal(200);
        const request = await world.eventually(async () => {
          const found = await requestOf(world, id);
          return found?.state === 'rejected' ? found : undefined;
        }, "the group member's rejection");
        expect(request.decision?.by.userId).to.equal('U0GROUPIE');
      });
    });

    describe('existing customers through the same request and approval path (C5, C6, P9)', () => {
      let customerTenantId = '';

      async function existingRequest(kind: string, pick: (card: string) => Record<string, string>) {
        // A details card of its own for each request, as typing `customers` again gives.
        const list = await world.teams(world.card({ verb: 'customers-existing' }, `card-details-${kind}`), 1);
        const choice = new RegExp(`"value":"(slack:${world.team}\\|${customerTenantId})"`).exec(list)?.[1];
        expect(choice, list.slice(0, 500)).to.be.a('string');
        const next = await world.teams(world.card({ verb: 'customers-existing-next', customer: choice, kind }), 1);
        const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(next)?.[1] ?? '';
        const review = await world.teams(world.card({ verb: 'customers-review', draftId, ...pick(next) }), 1);
        expect(review).to.include('customers-submit').and.include('relationship with this customer (C2)');
        expect(await world.submit(draftId)).to.include('is with Contoso Dystrybucja');
        await world.approvalPost(draftId);
        const before = world.connector.received.length;
        const click = world.click('customers.approve', draftId, APPROVER);
        expect((await click.response).status).to.equal(200);
        await world.connector.waitFor(before + 1);
        return {
          news: world.connector.received
            .slice(before)
            .map((r) => JSON.stringify(r.activity))
            .join('\n'),
          request: await requestOf(world, draftId),
        };
      }

      const subscriptionsOf = async () =>
        world.partnerCenter.as(DEMO.provider.tenantId).listSubscriptions(customerTenantId);

      before(async () => {
        const id = await world.submittedRequest(newDomain());
        await world.approvalPost(id);
        const before = world.connector.received.length;
        await world.click('customers.approve', id, APPROVER).response;
        const request = await world.eventually(async () => {
          const r = await requestOf(world, id);
          return r?.result ? r : undefined;
        }, 'the customer is created');
        customerTenantId = request.customer.tenantId ?? '';
        // The reseller's notice of this approval comes through the outbox, after the result is stored:
        // waited for here, so a test below does not take it for the news of its own request.
        const label = request.customer.domain.split('.')[0];
        await world.eventually(
          async () => world.connector.received.slice(before).some((r) => JSON.stringify(r.activity).includes(label)),
          "the reseller's notice of the new customer",
        );
      });

      it('adds a subscription with the reseller on record after approval; the support contact is not offered on NCE (C5, NCE2)', async () => {
        const { news, request } = await existingRequest('add-subscription', (card) => {
          // NCE2: every offer is a new-commerce one, so no toggle, and the card says why (MCA1: already on record, not asked).
          expect(card).to.include('legacy subscriptions only (rule NCE2)');
          expect(card).to.not.include('"id":"supportContact"');
          expect(card).to.not.include('mcaFirstName');
          return { [`qty:${OFFERS.azure.id}`]: '1' };
        });
        // One subscription, said in the singular.
        expect(news, news.slice(0, 1500)).to.include('1 new subscription for Nowy Klient').and.include(' is in place');
        expect(request?.state).to.equal('approved');
        const azure = (await subscriptionsOf()).find((s) => s.offerId === OFFERS.azure.id);
        expect(azure?.partnerIdOnRecord).to.equal('2345678');
        expect(azure?.supportContact).to.equal(undefined);
      });

      it('refuses the designated support contact on NCE subscriptions, saying why, and sends nothing (C6, NCE2)', async () => {
        const exchange = (await subscriptionsOf()).find((s) => s.offerId === OFFERS.exchange.id);
        const list = await world.teams(world.card({ verb: 'customers-existing' }, 'card-details-nce2'), 1);
        const choice = new RegExp(`"value":"(slack:${world.team}\\|${customerTenantId})"`).exec(list)?.[1];
        const kind = 'designated-support-contact';
        const next = await world.teams(world.card({ verb: 'customers-existing-next', customer: choice, kind }), 1);
        expect(next).to.include(`sub:${exchange?.id}`).and.include('no designated support contact (rule NCE2)');
        const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(next)?.[1] ?? '';
        const pressed = { verb: 'customers-review', draftId, [`sub:${exchange?.id}`]: 'true' };
        const review = await world.teams(world.card(pressed), 1);
        expect(review)
          .to.include('Exchange Online (Plan 1) is a new-commerce (NCE) subscription')
          .and.include('legacy subscriptions only (rule NCE2)')
          .and.not.include('customers-submit');
        expect(await requestOf(world, draftId)).to.equal(undefined);
        const after = (await subscriptionsOf()).find((s) => s.id === exchange?.id);
        expect(after?.supportContact).to.equal(undefined);
      });

      it('makes the reseller the designated support contact of a legacy subscription, after approval (C6, NCE2)', async () => {
        // The operator's sandbox.ts legacy-subscription: one the customer bought before new commerce.
        const legacy = await world.sandbox.addLegacySubscription(DEMO.provider.tenantId, customerTenantId, 4);
        const { news } = await existingRequest('designated-support-contact', (card) => {
          expect(card).to.include(`sub:${legacy.id}`).and.include('Office 365 E3 (legacy)');
          return { [`sub:${legacy.id}`]: 'true' };
        });
        expect(news, news.slice(0, 1500)).to.include('designated support contact');
        const after = (await subscriptionsOf()).find((s) => s.id === legacy.id);
        expect(after?.supportContact?.supportTenantId).to.equal(FABRIKAM);
      });

      it('puts the reseller on record for a subscription (C6, P9)', async () => {
        const standard = (await subscriptionsOf()).find((s) => s.offerId === OFFERS.standard.id);
        const { news, request } = await existingRequest('reseller-on-record', () => ({
          [`sub:${standard?.id}`]: 'true',
        }));
        expect(news, news.slice(0, 1500)).to.include('your PartnerID is now on record');
        expect(request?.subscriptions.map((s) => s.subscriptionId)).to.deep.equal([standard?.id]);
        const after = (await subscriptionsOf()).find((s) => s.id === standard?.id);
        expect(after?.partnerIdOnRecord).to.equal('2345678');
      });

      it('lists only the customers Partner Center shows for this reseller', async () => {
        const list = await world.teams(world.card({ verb: 'customers-existing' }, 'card-details-list'), 1);
        expect(list).to.include(customerTenantId);
        const stranger = { tenantId: fresh(), aadObjectId: 'aad-stranger', name: 'Stranger' };
        expect(await world.teams(world.card({ verb: 'customers-existing' }, 'card-details', stranger), 1)).to.include(
          'no customers',
        );
      });
    });
  });

for (const backend of BACKENDS)
  describe(`The Slack approval post goes through the durable outbox, on ${backend.name}`, () => {
    const world = customerWorld(backend, { team: `T0OUTBOX${backend.name.toUpperCase()}` });

    it('loses nothing when Slack is down at submission: the reseller is answered, the post is retried and lands once', async () => {
      world.slackApi.failNext('chat.postMessage', 503);
      const id = await world.submittedRequest(newDomain());
      await world.approvalPost(id);
      expect(world.slackApi.failed.map((f) => f.method)).to.deep.equal(['chat.postMessage']);
      expect(JSON.stringify(world.slackApi.failed[0].args.blocks)).to.include(id);
      const posts = world.slackApi
        .callsOf('chat.postMessage')
        .filter((c) => JSON.stringify(c.args.blocks ?? '').includes(id));
      expect(posts).to.have.length(1);
      // Where the message landed is kept, so the decision updates it.
      const request = await world.eventually(async () => {
        const r = await requestOf(world, id);
        return r?.message ? r : undefined;
      }, 'the approval message is attached');
      expect(request.message?.channel).to.equal(CHANNEL);
      await world.click('customers.approve', id, APPROVER).response;
      await world.slackApi.waitFor('chat.update');
      expect(world.slackApi.callsOf('chat.update')[0].args.ts).to.equal(request.message?.ts);
    });
  });
