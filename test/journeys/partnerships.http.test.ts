import { expect } from 'chai';
import { partnershipsFeature } from '../../bot/features/partnerships';
import { enrolmentFeature } from '../../bot/features/enrolment';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { cardSubmit, message, postActivity } from '../support/drivers/teamsActivities';
import { DEMO } from '../support/fixtures/partnerships';
import { alreadyEnrolledInCsp } from '../support/drivers/partnerRoad';
import { assistantOverHttp, englishWorkspace } from '../support/drivers/journeySuite';
import { SlackDriver } from '../support/drivers/slackDriver';

const TEAM = 'T0DISTRIB';
const ADMIN = 'U0ADMIN';
const APPROVER = 'U0APPROVER';
const REP = 'U0REP';
const CHANNEL = 'C0APPROVALS';
const FABRIKAM = DEMO.resellerReady.tenantId;
const piotr = { tenantId: FABRIKAM, aadObjectId: 'aad-piotr', name: 'Piotr Nowak' };
/** Fabrikam's Global admin, who answered the E7 step. */
const FABRIKAM_ADMIN = { tenantId: FABRIKAM, aadObjectId: 'aad-fabrikam-admin', name: 'Marek Nowicki' };
const ewa = { tenantId: FABRIKAM, aadObjectId: 'aad-ewa', name: 'Ewa Zielińska' };
const newcomer = { tenantId: '99999999-9999-4999-8999-999999999999', aadObjectId: 'aad-new', name: 'New Person' };

type Json = Record<string, unknown>;

describe('Partnerships across Slack and Teams, over HTTP (P1-P8)', () => {
  const world = assistantOverHttp({
    slack: { team: TEAM, channel: CHANNEL, profile: englishWorkspace(ADMIN) },
    features: [enrolmentFeature, partnershipsFeature()],
  });

  before(async () => {
    // Fabrikam, already in CSP, says so in Teams (E7): from an empty store, as its people would.
    await alreadyEnrolledInCsp(world.road, FABRIKAM_ADMIN, {
      ...DEMO.resellerReady,
      supportEmail: 'pomoc@fabrikam-it.pl',
    });
  });

  const slash = (text: string, user: string) => world.slack.slash(text, user);
  const slashAnswer = (text: string, user: string) => world.slack.slashAnswer(text, user);
  const viewSubmission = (callbackId: string, user: string, values: Json, privateMetadata = '') =>
    world.slack.viewSubmission(callbackId, user, values, privateMetadata);
  const buttonClick = (actionId: string, value: string, user: string) => world.slack.buttonClick(actionId, value, user);
  const input = SlackDriver.input;

  const setupValues = (country: string) => ({
    legalName: input(DEMO.provider.name),
    mpnId: input(DEMO.provider.mpnId),
    tenantId: input(DEMO.provider.tenantId),
    country: input(country),
    approvers: { value: { type: 'multi_users_select', selected_users: [APPROVER, ADMIN] } },
    channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
  });

  async function teams(activity: unknown, replies: number) {
    const before = world.connector.received.length;
    expect(await postActivity(world.assistant.url, activity)).to.equal(200);
    await world.connector.waitFor(before + replies);
    return world.connector.received.slice(before);
  }

  const textOf = (received: Array<{ activity: Json }>) => received.map((r) => JSON.stringify(r.activity)).join('\n');

  let code = '';

  it('refuses /csp setup to someone who is neither a workspace admin nor an approver', async () => {
    expect(await slashAnswer('setup', REP)).to.include('Only a workspace admin or an existing approver');
    expect(world.slackApi.callsOf('views.open')).to.have.length(0);
  });

  it('opens the set-up modal for a workspace admin', async () => {
    await slash('setup', ADMIN);
    await world.slackApi.waitFor('views.open');
    const view = world.slackApi.callsOf('views.open')[0].args.view as Json;
    expect(view.callback_id).to.equal('partnerships.setup');
    expect(world.slackApi.callsOf('views.open')[0].args.trigger_id).to.equal('1.2.3');
  });

  it('shows an unknown country as an error in the modal, with the rule (P6)', async () => {
    const response = await viewSubmission('partnerships.setup', ADMIN, setupValues('XX'));
    expect(response.json?.response_action).to.equal('errors');
    expect((response.json?.errors as Json).country).to.include('not in the CSP region table (rule P6)');
  });

  it('registers the workspace as a distributor from the modal', async () => {
    const response = await viewSubmission('partnerships.setup', ADMIN, setupValues('PL'));
    expect(response.status).to.equal(200);
    expect(response.text).to.equal('');
    await world.slackApi.waitFor('chat.postMessage');
    expect(JSON.stringify(world.slackApi.callsOf('chat.postMessage')[0].args)).to.include('is set up as a distributor');
    const provider = await new PartnerDirectory(world.assistant.store.records).get(`slack:${TEAM}`);
    expect(provider).to.include({ kind: 'indirect-provider', country: 'PL', mpnId: DEMO.provider.mpnId });
  });

  it('refuses /csp invite to a non-approver', async () => {
    expect(await slashAnswer('invite', REP)).to.include('Only the approvers named in /csp setup may do this');
  });

  it('refuses at once an invitation to a reseller in another region, in the modal, in words for the distributor (P6)', async () => {
    const response = await viewSubmission('partnerships.invite', APPROVER, {
      email: input('joao.silva@adventureworks.com.br'),
      companyName: input(''),
      mpnId: input(DEMO.resellerOtherRegion.mpnId),
    });
    expect(response.json?.response_action).to.equal('errors');
    const error = String((response.json?.errors as Json).mpnId);
    expect(error)
      .to.include('rule P6')
      .and.include('You are in PL')
      .and.include('you cannot partner with this reseller');
    expect(error, 'advice for the reseller').to.not.include('Find a distributor in your own region');
  });

  it('gives the approver the draft email with the personalised link; the reseller opens the card in Teams with its code (P2)', async () => {
    await teams(message(world.connector.url, 'hello', piotr), 1); // Piotr has talked to the world.assistant before
    const response = await viewSubmission('partnerships.invite', APPROVER, {
      email: input(DEMO.resellerReady.primaryContactEmail),
      companyName: input(DEMO.resellerReady.name),
      // Its PartnerID, as the distributor knows it: how the assistant knows which organisation to tell (P2).
      mpnId: input(DEMO.resellerReady.mpnId),
    });
    expect(response.json?.response_action).to.equal('update');
    const draft = JSON.stringify(response.json?.view);
    const match = /invitations\/([A-Za-z0-9_.%-]+)/.exec(draft);
    expect(match, draft).to.not.equal(null);
    code = decodeURIComponent(match?.[1] ?? '');
    expect(draft).to.include('the link must stay as it is');
    // E7 names no primary contact, so nothing is pushed to Fabrikam: Piotr opens the email's code. The
    // push to an enrolled reseller's primary contact is walked in the reseller journeys (inviteReseller).
    const card = textOf(await teams(message(world.connector.url, `invitation ${code}`, piotr), 1));
    expect(card).to.include(`I authorise ${DEMO.provider.name} as my distributor`);
    expect(card).to.include('submit orders and add subscriptions on behalf of your customers');
    // G3: no admin rights claimed for the distributor; G2: the reseller's own GDAP per customer.
    expect(card).to.not.include('work account');
    expect(card).to.include('its own GDAP relationship with that customer');
  });

  it('serves the invitation link as a page with the code to paste', async () => {
    const response = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(code)}`);
    expect(response.status).to.equal(200);
    const html = await response.text();
    expect(html).to.include(`invitation ${code}`).and.include(DEMO.provider.name.replace(/\./g, '.'));
  });

  it('refuses a tampered invitation code, on the page and in Teams', async () => {
    const tampered = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    const page = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(tampered)}`);
    expect(page.status).to.equal(410);
    expect(await page.text()).to.include('not genuine');
    const replies = await teams(message(world.connector.url, `invitation ${tampered}`, piotr), 1);
    expect(textOf(replies)).to.include('This invitation code is not genuine');
  });

  it('asks for the box to be ticked before authorising (P3)', async () => {
    const replies = await teams(
      cardSubmit(world.connector.url, { verb: 'invitation-authorize', code, consent: 'false' }, piotr),
      1,
    );
    expect(textOf(replies)).to.include('Tick the box');
  });

  it('tells a reseller that is not enrolled so, as "you", and offers enrolment (P1)', async () => {
    const replies = await teams(
      cardSubmit(world.connector.url, { verb: 'invitation-authorize', code, consent: 'true' }, newcomer),
      1,
    );
    const text = textOf(replies);
    expect(text).to.include('You are not enrolled as an indirect reseller yet (rule P1)').and.include('Type enroll');
    expect(text, 'advice for the distributor').to.not.include('point it to the enrolment steps');
  });

  it("says an invitation is waiting for the organisation, and shows it again, instead of 'no provider yet' (P2, P3)", async () => {
    const text = textOf(await teams(message(world.connector.url, 'providers', ewa), 2));
    expect(text).to.include(`${DEMO.provider.name} has invited you to partner, and the invitation is waiting for you`);
    expect(text).to.not.include('You have no distributor yet');
    expect(text).to.include(`I authorise ${DEMO.provider.name} as my distributor`).and.include(code);
    const stranger = textOf(await teams(message(world.connector.url, 'providers', newcomer), 1));
    expect(stranger, 'another organisation sees no one else’s invitation').to.include('You have no distributor yet');
  });

  it('gives one partnership when two colleagues authorise at once; the other sees who did and when', async () => {
    const before = world.connector.received.length;
    const slackBefore = world.slackApi.callsOf('chat.postMessage').length;
    const statuses = await Promise.all([
      postActivity(
        world.assistant.url,
        cardSubmit(world.connector.url, { verb: 'invitation-authorize', code, consent: 'true' }, piotr),
      ),
      postActivity(
        world.assistant.url,
        cardSubmit(world.connector.url, { verb: 'invitation-authorize', code, consent: 'true' }, ewa),
      ),
    ]);
    expect(statuses).to.deep.equal([200, 200]);
    await world.connector.waitFor(before + 2);
    const texts = world.connector.received.slice(before).map((r) => r.activity.text ?? '');
    const done = texts.filter((t) => t.startsWith('Done:'));
    const already = texts.filter((t) => t.includes('was already accepted by'));
    expect(done, texts.join('\n')).to.have.length(1);
    expect(already).to.have.length(1);
    const winner = done[0].includes(piotr.name) ? piotr.name : ewa.name;
    expect(already[0]).to.include(winner);
    const links = await world.assistant.store.records.list('partnerships:link:');
    expect(links.filter((l) => (l.value as { state: string }).state === 'active')).to.have.length(1);
    await world.slackApi.waitFor('chat.postMessage', slackBefore + 1);
    const notice = world.slackApi.callsOf('chat.postMessage').at(-1)?.args as Json;
    expect(notice.channel).to.equal(CHANNEL);
    expect(JSON.stringify(notice)).to.include(`${DEMO.resellerReady.name} authorised you as its distributor`);
  });

  it("lists the provider in the reseller's providers (P3)", async () => {
    const replies = await teams(message(world.connector.url, 'providers', ewa), 1);
    const card = textOf(replies);
    expect(card).to.include(DEMO.provider.name).and.include(DEMO.provider.mpnId).and.include('Europe');
  });

  it("lists the reseller as active in the distributor's /csp resellers", async () => {
    const answer = await slashAnswer('resellers', REP);
    expect(answer).to.include(DEMO.resellerReady.name).and.include('active').and.include('MPA signed');
  });

  it('tells a reseller that wants to end the partnership to contact Microsoft Support (P8)', async () => {
    const replies = await teams(message(world.connector.url, 'end partnership', piotr), 1);
    expect(textOf(replies)).to.include('rule P8').and.include('Microsoft Support');
  });

  it('refuses Remove to a non-approver', async () => {
    const { response, method } = buttonClick('partnerships.remove', FABRIKAM, REP);
    expect((await response).status).to.equal(200);
    await world.slackApi.waitFor(method);
    expect(JSON.stringify(world.slackApi.callsOf(method)[0].args)).to.include('Only the approvers');
  });

  it('opens the P7 confirmation for an approver, removes on confirmation and tells the reseller when asked', async () => {
    const opened = world.slackApi.callsOf('views.open').length;
    const { response } = buttonClick('partnerships.remove', FABRIKAM, APPROVER);
    expect((await response).status).to.equal(200);
    await world.slackApi.waitFor('views.open', opened + 1);
    const view = JSON.stringify(world.slackApi.callsOf('views.open').at(-1)?.args.view);
    for (const phrase of [
      'Customers associated with the reseller are not removed',
      'Delegated admin privileges already granted stay as they are',
      'legal notice of termination',
      'Partner Center notifies no one',
      'only if you tick Tell the reseller',
      'good faith',
      'defend and hold Microsoft harmless',
    ]) {
      expect(view).to.include(phrase);
    }
    const before = world.connector.received.length;
    const submitted = await viewSubmission(
      'partnerships.remove',
      APPROVER,
      { notify: { value: { type: 'checkboxes', selected_options: [{ value: 'notify' }] } } },
      FABRIKAM,
    );
    expect(submitted.text).to.equal('');
    await world.connector.waitFor(before + 2); // Piotr and Ewa
    expect(textOf(world.connector.received.slice(before))).to.include('has removed its partnership');
    expect(await slashAnswer('resellers', REP)).to.include('No active partnerships yet');
  });

  it('shows the audit log to approvers only, with who, what, outcome and rule ids', async () => {
    expect(await slashAnswer('audit', REP)).to.include('Only the approvers');
    const log = await slashAnswer('audit', APPROVER);
    expect(log).to.include('removed a partnership').and.include('P7');
    expect(log).to.include('authorised the distributor').and.include('P3, P4');
    expect(log).to.include('invited a reseller, refused').and.include('P6');
  });
  async function inviteFromSlack(email: string): Promise<string> {
    const response = await viewSubmission('partnerships.invite', APPROVER, {
      email: input(email),
      companyName: input(''),
      mpnId: input(''),
    });
    return SlackDriver.codeIn(response.json?.view);
  }

  it('revokes a pending invitation from /csp resellers; its link then says it was withdrawn', async () => {
    const revokedCode = await inviteFromSlack('nobody-yet@northwind.example');
    expect(await slashAnswer('resellers', REP))
      .to.include('nobody-yet@northwind.example')
      .and.include('pending');
    const invitations = await world.assistant.store.records.list<{ id: string; email: string }>(
      'partnerships:invitation:',
    );
    const id = invitations.find((i) => i.value.email === 'nobody-yet@northwind.example')?.value.id ?? '';
    const refused = buttonClick('partnerships.revoke', id, REP);
    await refused.response;
    await world.slackApi.waitFor(refused.method);
    expect(JSON.stringify(world.slackApi.callsOf(refused.method)[0].args)).to.include('Only the approvers');
    const { response, method } = buttonClick('partnerships.revoke', id, APPROVER);
    expect((await response).status).to.equal(200);
    await world.slackApi.waitFor(method);
    expect(JSON.stringify(world.slackApi.callsOf(method)[0].args)).to.include('is revoked');
    const page = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(revokedCode)}`);
    expect(page.status).to.equal(410);
    expect(await page.text()).to.include('withdrawn');
  });

  it("tells the distributor's channel when the reseller declines (P3)", async () => {
    const declineCode = await inviteFromSlack(DEMO.resellerReady.primaryContactEmail);
    const slackBefore = world.slackApi.callsOf('chat.postMessage').length;
    const replies = await teams(
      cardSubmit(world.connector.url, { verb: 'invitation-decline', code: declineCode }, ewa),
      1,
    );
    expect(textOf(replies)).to.include('You declined the request from');
    await world.slackApi.waitFor('chat.postMessage', slackBefore + 1);
    const notice = world.slackApi.callsOf('chat.postMessage').at(-1)?.args as Json;
    expect(notice.channel).to.equal(CHANNEL);
    expect(JSON.stringify(notice)).to.include('declined your partnership request');
    const again = await teams(message(world.connector.url, `invitation ${declineCode}`, piotr), 1);
    expect(textOf(again)).to.include(`was declined by ${ewa.name}`);
  });
});
