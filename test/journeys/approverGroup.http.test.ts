import { expect } from 'chai';
import { partnershipsFeature } from '../../bot/features/partnerships';
import { MEMBERS_TTL_MS } from '../../bot/slack/partnerships/userGroups';
import { assistantOverHttp } from '../support/drivers/journeySuite';
import { DEMO } from '../support/fixtures/partnerships';
import { SlackDriver } from '../support/drivers/slackDriver';

const TEAM = 'T0GROUPS';
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0GROUPIE';
const OUTSIDER = 'U0OUTSIDER';
const CHANNEL = 'C0APPROVALS';
const GROUP = 'S0APPROVERS';
const REAL_NAMES: Record<string, string> = { [ADMIN]: 'Jan Wiśniewski', [MEMBER]: 'Anna Kowalska' };

type Json = Record<string, unknown>;
const input = SlackDriver.input;

describe('Approvers as a Slack user group, over HTTP', () => {
  let clock = new Date();
  const world = assistantOverHttp({
    slack: {
      team: TEAM,
      channel: CHANNEL,
      profile: (user) => ({ locale: 'en-US', is_admin: user === ADMIN, real_name: REAL_NAMES[user] }),
    },
    features: [partnershipsFeature()],
    clock: () => clock,
  });

  before(() => {
    world.slackApi.userGroups.set(GROUP, { name: 'CSP approvers', handle: 'csp-approvers', users: [MEMBER] });
    world.slackApi.userGroups.set('S0SALES', { name: 'Sales', handle: 'sales', users: [OUTSIDER] });
  });

  it("offers the workspace's user groups in the set-up modal, next to named approvers", async () => {
    await world.slack.slash('setup', ADMIN);
    await world.slackApi.waitFor('views.open');
    const view = world.slackApi.callsOf('views.open')[0].args.view as { blocks: Json[] };
    const group = view.blocks.find((b) => b.block_id === 'approverGroup') as { element: Json; optional: boolean };
    expect(group.optional).to.equal(true);
    expect(group.element.type).to.equal('static_select');
    const options = (group.element.options as Array<{ value: string; text: { text: string } }>).map(
      (o) => `${o.value}=${o.text.text}`,
    );
    expect(options).to.deep.equal([
      'none=No user group',
      `${GROUP}=CSP approvers (@csp-approvers)`,
      'S0SALES=Sales (@sales)',
    ]);
    expect(view.blocks.find((b) => b.block_id === 'approvers')).to.include({ optional: true });
    // P10: the set-up changes the assistant only; the public profile on Microsoft's list does not move.
    expect(JSON.stringify(view.blocks)).to.include(
      "public profile on Microsoft's official list of distributors (indirect providers) is changed only through your Microsoft representative (rule P10)",
    );
  });

  it('asks for named approvers or a group when the admin gives neither', async () => {
    const response = await world.slack.viewSubmission('partnerships.setup', ADMIN, setupValues([], 'none'));
    expect(response.json?.response_action).to.equal('errors');
    expect((response.json?.errors as Json).approvers).to.equal(
      'Name at least one approver or choose an approver user group.',
    );
  });

  it('saves a group as the approvers and says so by its handle, not its id', async () => {
    const response = await world.slack.viewSubmission('partnerships.setup', ADMIN, setupValues([], GROUP));
    expect(response.text).to.equal('');
    await world.slackApi.waitFor('chat.postMessage');
    const summary = JSON.stringify(world.slackApi.callsOf('chat.postMessage')[0].args);
    expect(summary).to.include('Approvers: members of @csp-approvers');
    expect(summary).to.not.include(GROUP);
  });

  it('lets a member of the group invite', async () => {
    const opened = world.slackApi.callsOf('views.open').length;
    await world.slack.slash('invite', MEMBER);
    await world.slackApi.waitFor('views.open', opened + 1);
    expect((world.slackApi.callsOf('views.open')[opened].args.view as Json).callback_id).to.equal(
      'partnerships.invite',
    );
    const response = await world.slack.viewSubmission('partnerships.invite', MEMBER, {
      email: input('owner@tailspin-toys.example'),
      companyName: input(''),
      mpnId: input(''),
    });
    expect(response.json?.response_action).to.equal('update');
    expect(SlackDriver.codeIn(response.json?.view)).to.have.length.greaterThan(40);
  });

  it("shows who did what in the audit by people's real names, not their ids or usernames", async () => {
    const audit = await world.slack.slashAnswer('audit', MEMBER);
    expect(audit).to.include('Anna Kowalska').and.include('Jan Wiśniewski');
    expect(audit).to.not.include(MEMBER.toLowerCase()).and.not.include(ADMIN.toLowerCase());
  });

  it('refuses someone outside the group', async () => {
    expect(await world.slack.slashAnswer('invite', OUTSIDER)).to.include('Only the approvers named in /csp setup');
    const response = await world.slack.viewSubmission('partnerships.invite', OUTSIDER, {
      email: input('owner@wingtip.example'),
      companyName: input(''),
      mpnId: input(''),
    });
    expect(JSON.stringify(response.json?.errors)).to.include('Only the approvers');
  });

  it('takes the right from someone removed from the group, once the minute of caching has passed', async () => {
    world.slackApi.userGroups.get(GROUP)?.users.splice(0);
    expect(await world.slack.slashAnswer('audit', MEMBER), 'within the minute').to.include('Partnership audit log');
    clock = new Date(clock.getTime() + MEMBERS_TTL_MS);
    expect(await world.slack.slashAnswer('invite', MEMBER)).to.include('Only the approvers named in /csp setup');
    expect(await world.slack.slashAnswer('audit', MEMBER)).to.include('Only the approvers named in /csp setup');
  });

  function setupValues(users: string[], group: string) {
    return {
      legalName: input(DEMO.provider.name),
      mpnId: input(DEMO.provider.mpnId),
      tenantId: input(DEMO.provider.tenantId),
      country: input('PL'),
      approvers: { value: { type: 'multi_users_select', selected_users: users } },
      approverGroup: {
        value: {
          type: 'static_select',
          selected_option: { value: group, text: { type: 'plain_text', text: 'CSP approvers (@csp-approvers)' } },
        },
      },
      channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
    };
  }
});
