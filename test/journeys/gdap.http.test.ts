import { expect } from 'chai';
import { message } from '../support/drivers/teamsActivities';
import { APPROVER, BACKENDS, newDomain, piotr } from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';

/**
 * GDAP in Teams for the reseller (G1, G2), over HTTP from an empty store: a customer created through the
 * product, the reseller told it needs its own GDAP, asking for one, consenting to the relationship its
 * distributor created, the operator approving for the customer (scripts/sandbox.ts gdap-approve), and
 * `gdap` showing it active with its end date.
 */
const backend = BACKENDS[0];
describe(`GDAP for the reseller in Teams (G1, G2), on ${backend.name}`, () => {
  const DAY = 24 * 60 * 60 * 1000;
  /** The assistant's clock, moved by the test: GDAP's states and reminders follow it (G1). */
  let now = Date.now();
  const world = customerWorld(backend, {
    team: `T0GDAP${backend.name.toUpperCase()}`,
    env: { GDAP_REMINDER_POLL_MS: '100' },
    clock: () => new Date(now),
  });
  const domain = newDomain();
  let customerId = '';
  let relationshipId = '';

  it('tells the reseller, once its customer is created, that admin access needs its own GDAP (G2)', async () => {
    const requestId = await world.submittedRequest(domain);
    const before = world.connector.received.length;
    expect((await world.click('customers.approve', requestId, APPROVER).response).status).to.equal(200);
    await world.connector.waitFor(before + 1);
    const news = world.connector.received.slice(before).map((r) => JSON.stringify(r.activity));
    expect(news.join('\n')).to.include('its own GDAP relationship').and.include('type gdap');
  });

  it('lists the customer in gdap with no admin access and Ask for GDAP (G2)', async () => {
    const card = await world.teams(message(world.connector.url, 'gdap', piotr), 1);
    expect(card).to.include('Nowy Klient').and.include('no admin access to this customer (rule G2)');
    customerId = /"verb":"gdap-ask","customer":"([0-9a-f-]{36})"/.exec(card)?.[1] ?? '';
    expect(customerId).to.have.length(36);
  });

  it("asks: the distributor's credentials create a relationship that awaits the reseller's consent (G2)", async () => {
    const [sent, redrawn] = [world.connector.received.length, world.connector.updated.length];
    const replies = await world.pressCard(world.card({ verb: 'gdap-ask', customer: customerId }));
    // Said once: the pressed card is redrawn with the consent buttons; no message repeats it.
    expect(world.connector.received.length).to.equal(sent);
    expect(world.connector.updated.length).to.equal(redrawn + 1);
    expect(replies).to.include('created a GDAP relationship for you').and.include('your consent is needed first');
    relationshipId = /"verb":"gdap-consent","relationship":"([^"]+)","answer":"approve"/.exec(replies)?.[1] ?? '';
    expect(relationshipId).to.not.equal('');
  });

  it("refuses a consent pressed by another organisation, even with the relationship's id (G2)", async () => {
    const stranger = { tenantId: '33333333-3333-4333-8333-333333333333', aadObjectId: 'aad-stranger' };
    const answer = await world.teams(
      world.card({ verb: 'gdap-consent', relationship: relationshipId, answer: 'approve' }, 'card-1', stranger),
      1,
    );
    expect(answer).to.include('not one of your organisation');
  });

  it("consents, and gets the customer's approval link to send, valid 90 days (G1, G2)", async () => {
    const answer = await world.teams(
      world.card({ verb: 'gdap-consent', relationship: relationshipId, answer: 'approve' }),
      1,
    );
    expect(answer).to.include('you consented').and.include(`granularAdminRelationships/${relationshipId}`);
    // The pressed card no longer offers Consent: it says the customer's approval is awaited.
    const redrawnCard = JSON.stringify(world.connector.updated.at(-1)?.activity);
    expect(redrawnCard).to.include("Waiting for the customer's approval");
    expect(redrawnCard).to.not.include('gdap-consent');
    const card = await world.teams(message(world.connector.url, 'gdap', piotr), 1);
    expect(card).to.include("Waiting for the customer's approval: 90 days left of the 90");
  });

  it("shows the distributor in /csp gdap what awaits the customer's approval, across resellers (G1)", async () => {
    const answer = await world.slash('gdap');
    expect(answer).to.include("awaiting the customer's approval, 90 days left of the 90").and.include('Nowy Klient');
  });

  it('is active once the customer approves (the operator, for the customer), with its end date (G1)', async () => {
    expect(await world.operator('gdap-approve', domain)).to.include(`${relationshipId}: active`);
    const card = await world.teams(message(world.connector.url, 'gdap', piotr), 1);
    expect(card).to.include('Active until').and.include('Assign your security groups');
    expect(card).to.not.include('gdap-ask');
    // Active and far from its end: nothing waits on anyone, so the distributor's list is empty.
    expect(await world.slash('gdap')).to.include('none ends within 30 days');
  });

  it('reminds both sides once, 30 days before the end: the reseller in Teams, the distributor in Slack (G1)', async () => {
    const teamsBefore = world.connector.received.length;
    const slackBefore = world.slackApi.callsOf('chat.postMessage').length;
    // The operator approved a moment after this clock started: 701 days on, 30 days (rounded up) are left.
    now += 701 * DAY;
    await world.connector.waitFor(teamsBefore + 1);
    await world.slackApi.waitFor('chat.postMessage', slackBefore + 1);
    // Several more passes run meanwhile; none says it again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const teams = world.connector.received.slice(teamsBefore).map((r) => JSON.stringify(r.activity));
    expect(teams.filter((text) => text.includes('ends in 30 days'))).to.have.length(1);
    const slack = world.slackApi
      .callsOf('chat.postMessage')
      .slice(slackBefore)
      .map((c) => String(c.args.text));
    expect(slack.filter((text) => text.includes('ends in 30 days'))).to.have.length(1);
    expect(await world.slash('gdap')).to.include('ends in 30 days');
  });
});
