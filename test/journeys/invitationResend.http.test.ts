import { expect } from 'chai';
import { partnershipsFeature } from '../../bot/features/partnerships';
import { enrolmentFeature } from '../../bot/features/enrolment';
import { cardSubmit, message, postActivity } from '../support/drivers/teamsActivities';
import { DEMO } from '../support/fixtures/partnerships';
import { assistantOverHttp, englishWorkspace } from '../support/drivers/journeySuite';
import { enrol, type ResellerPerson, TAILSPIN_PROFILE } from '../support/drivers/resellerRoad';
import { SlackDriver } from '../support/drivers/slackDriver';

const TEAM = 'T0RESEND';
const ADMIN = 'U0ADMIN';
const APPROVER = 'U0APPROVER';
const REP = 'U0REP';
const CHANNEL = 'C0APPROVALS';
const DAY_MS = 86_400_000;
/** A reseller the assistant knows with its primary contact's address, so invitations to it reach its Teams (P2). */
const TAILSPIN = '77777777-7777-4777-8777-777777777777';
const anna: ResellerPerson = { tenantId: TAILSPIN, aadObjectId: 'aad-anna', name: 'Anna Nowak', locale: 'en-US' };
const INVITED = TAILSPIN_PROFILE.contactEmail;
const mallory = { tenantId: '55555555-5555-4555-8555-555555555555', aadObjectId: 'aad-mallory', name: 'Mallory' };
const stranger = { tenantId: '66666666-6666-4666-8666-666666666666', aadObjectId: 'aad-stranger', name: 'Stranger' };

type Json = Record<string, unknown>;
const input = SlackDriver.input;

describe('Resend, revoke and decline of invitations, over HTTP (P2, P3)', () => {
  let clock = new Date();
  const world = assistantOverHttp({
    slack: { team: TEAM, channel: CHANNEL, profile: englishWorkspace(ADMIN) },
    features: [enrolmentFeature, partnershipsFeature()],
    clock: () => clock,
  });

  before(async () => {
    // Tailspin Toys enrols in Teams, Anna its primary contact: from an empty store, as its people would.
    await enrol(world.road, anna, TAILSPIN_PROFILE);
    const setup = await world.slack.viewSubmission('partnerships.setup', ADMIN, {
      legalName: input(DEMO.provider.name),
      mpnId: input(DEMO.provider.mpnId),
      tenantId: input(DEMO.provider.tenantId),
      country: input('PL'),
      approvers: { value: { type: 'multi_users_select', selected_users: [APPROVER] } },
      channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
    });
    expect(setup.text).to.equal('');
  });

  async function teams(activity: unknown, replies: number) {
    const before = world.connector.received.length;
    expect(await postActivity(world.assistant.url, activity)).to.equal(200);
    await world.connector.waitFor(before + replies);
    return world.connector.received
      .slice(before)
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  async function invite(email: string): Promise<string> {
    const response = await world.slack.viewSubmission('partnerships.invite', APPROVER, {
      email: input(email),
      companyName: input(''),
      mpnId: input(''),
    });
    expect(response.json?.response_action).to.equal('update');
    return SlackDriver.codeIn(response.json?.view);
  }

  async function invitationId(email: string): Promise<string> {
    const all = await world.assistant.store.records.list<{ id: string; email: string }>('partnerships:invitation:');
    return all.find((i) => i.value.email === email)?.value.id ?? '';
  }

  /** The Adaptive Cards Anna has received that carry this code. */
  const cardsWith = (code: string) => world.connector.cards().filter((c) => c.includes(code));

  let firstCode = '';
  let id = '';

  it('lists a pending invitation with Resend and Revoke buttons in /csp resellers', async () => {
    await teams(message(world.connector.url, 'hello', anna), 1); // Anna has talked to the world.assistant before
    const before = world.connector.received.length;
    firstCode = await invite(INVITED);
    await world.connector.waitFor(before + 1); // the card, to Anna
    id = await invitationId(INVITED);
    const answer = JSON.parse(await world.slack.slashAnswer('resellers', REP)) as { blocks: Json[] };
    const actions = answer.blocks.find((b) => b.type === 'actions' && JSON.stringify(b).includes(id));
    const buttons = (actions?.elements as Json[]).map((e) => `${e.action_id}:${e.value}`);
    expect(buttons).to.deep.equal([`partnerships.resend:${id}`, `partnerships.revoke:${id}`]);
    expect(JSON.stringify(answer.blocks)).to.include('pending');
  });

  it('refuses Resend to someone who is not an approver', async () => {
    expect(await world.slack.clickAnswer('partnerships.resend', id, REP)).to.include('Only the approvers');
  });

  it('shows the same draft with the same link when the invitation is still pending', async () => {
    const view = await world.slack.clickOpensView('partnerships.resend', id, APPROVER);
    expect(view.callback_id).to.equal('partnerships.draft');
    expect(SlackDriver.codeIn(view)).to.equal(firstCode);
    expect(JSON.stringify(view)).to.include('still pending').and.include('the link must stay as it is');
  });

  let secondCode = '';

  it('issues a new link for an expired invitation, and sends the card in Teams again with it', async () => {
    clock = new Date(clock.getTime() + 31 * DAY_MS);
    expect(await world.slack.slashAnswer('resellers', REP)).to.include('expired');
    const before = world.connector.received.length;
    const view = await world.slack.clickOpensView('partnerships.resend', id, APPROVER);
    secondCode = SlackDriver.codeIn(view);
    expect(secondCode).to.match(/\.2\./).and.not.equal(firstCode);
    expect(JSON.stringify(view)).to.include('new link').and.include('The earlier link no longer works');
    await world.connector.waitFor(before + 1);
    expect(cardsWith(secondCode), 'the card with the new link').to.have.length(1);
    expect(cardsWith(firstCode), 'no second card with the old link').to.have.length(1);
    const listed = await world.slack.slashAnswer('resellers', REP);
    expect(listed).to.include('pending').and.not.include('expired');
  });

  it('refuses the earlier link, on the page and in Teams, as replaced by a newer one', async () => {
    const page = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(firstCode)}`);
    expect(page.status).to.equal(410);
    expect(await page.text()).to.include('replaced by a newer one');
    const reply = await teams(message(world.connector.url, `invitation ${firstCode}`, anna), 1);
    expect(reply).to.include('replaced by a newer one');
    const fresh = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(secondCode)}`);
    expect(fresh.status).to.equal(200);
  });

  it('refuses a stranger from another organisation who presses Decline; the invitation stays open (P3)', async () => {
    world.connector.member(`29:${mallory.aadObjectId}`, { email: 'mallory@elsewhere.example' });
    const refused = await teams(
      cardSubmit(world.connector.url, { verb: 'invitation-decline', code: secondCode }, mallory),
      1,
    );
    expect(refused).to.include('sent to another organisation').and.include('Nothing has changed');
    const page = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(secondCode)}`);
    expect(page.status, 'still usable').to.equal(200);
  });

  it('lets someone at the invited mail domain decline an invitation to a reseller not known yet', async () => {
    const code = await invite('owner@tailspin-toys.example');
    world.connector.member(`29:${stranger.aadObjectId}`, { userPrincipalName: 'someone@wingtip.example' });
    const refused = await teams(cardSubmit(world.connector.url, { verb: 'invitation-decline', code }, stranger), 1);
    expect(refused).to.include('sent to another organisation');
    const colleague = { ...stranger, aadObjectId: 'aad-tailspin' };
    world.connector.member(`29:${colleague.aadObjectId}`, { email: 'colleague@tailspin-toys.example' });
    const declined = await teams(cardSubmit(world.connector.url, { verb: 'invitation-decline', code }, colleague), 1);
    expect(declined).to.include('You declined the request from');
  });

  it('refuses clearly to resend a revoked invitation', async () => {
    expect(await world.slack.clickAnswer('partnerships.revoke', id, APPROVER)).to.include('is revoked');
    const answer = await world.slack.clickAnswer('partnerships.resend', id, APPROVER);
    expect(answer).to.include('was revoked by').and.include('cannot be sent again').and.include('/csp invite');
    const page = await fetch(`${world.assistant.url}/invitations/${encodeURIComponent(secondCode)}`);
    expect(await page.text()).to.include('withdrawn');
  });

  it('gives one new link when Resend is clicked twice on an expired invitation', async () => {
    const email = 'double-click@fabrikam-it.pl';
    await invite(email);
    const other = await invitationId(email);
    clock = new Date(clock.getTime() + 31 * DAY_MS);
    const opened = world.slackApi.callsOf('views.open').length;
    const clicks = [
      world.slack.buttonClick('partnerships.resend', other, APPROVER),
      world.slack.buttonClick('partnerships.resend', other, APPROVER),
    ];
    for (const click of clicks) expect((await click.response).status).to.equal(200);
    await world.slackApi.waitFor('views.open', opened + 2);
    const codes = world.slackApi
      .callsOf('views.open')
      .slice(opened)
      .map((c) => SlackDriver.codeIn(c.args.view));
    expect(new Set(codes).size, codes.join(' ')).to.equal(1);
    expect(codes[0]).to.match(/\.2\./);
  });

  it('shows every resend and revoke in the audit log, done and refused, with P2', async () => {
    const log = await world.slack.slashAnswer('audit', APPROVER);
    expect(log).to.include('sent an invitation again, done').and.include('sent an invitation again, refused');
    expect(log).to.include('revoked an invitation, done').and.include('P2');
    expect(log).to.include('declined an invitation, refused').and.include('P3');
  });
});
