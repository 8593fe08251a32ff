import { expect } from 'chai';
import { MEMBERS_TTL_MS } from '../../bot/slack/partnerships/userGroups';
import { approver, onEveryBackend } from './serviceHarness';

const GROUP = { id: 'S0APPROVERS', name: 'CSP approvers (@csp-approvers)' };
const member = { platform: 'slack' as const, userId: 'U0GROUPIE', name: 'Group Member' };
const outsider = { platform: 'slack' as const, userId: 'U0OUTSIDER', name: 'Not In Group' };

onEveryBackend('Approvers as a Slack user group', (h) => {
  beforeEach(async () => {
    h().slackApi.userGroups.set(GROUP.id, { name: 'CSP approvers', handle: 'csp-approvers', users: [member.userId] });
    await h().setUp({ approverUserIds: [], approverGroup: GROUP });
  });

  it('accepts a set-up with a user group and no named approver, and keeps the group', async () => {
    const provider = await h().service.getProviderBySlackTeam(h().teamId);
    expect(provider?.settings).to.deep.include({ approverUserIds: [], approverGroup: GROUP });
  });

  it('refuses a set-up with neither named approvers nor a group', async () => {
    const outcome = await h().service.providers.setUpProvider(
      h().teamId,
      { ...(await current()), approverUserIds: [], approverGroup: undefined },
      member,
      false,
    );
    expect(outcome).to.deep.nested.include({
      ok: false,
      'refusal.code': 'validation.approvers-missing',
      'refusal.field': 'approverUserIds',
    });
  });

  it('lets a member of the group invite, and refuses someone outside it', async () => {
    const invited = await h().service.invitations.createInvitation(h().teamId, { email: 'a@fabrikam.example' }, member);
    expect(invited.ok, JSON.stringify(invited)).to.equal(true);
    const refused = await h().service.invitations.createInvitation(
      h().teamId,
      { email: 'b@fabrikam.example' },
      outsider,
    );
    expect(refused).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
    // The named approver of the first set-up was replaced by the group.
    expect(await h().service.isApprover(h().teamId, approver.userId)).to.equal(false);
  });

  it('lets a group member change the set-up (an existing approver), not an outsider', async () => {
    const base = await current();
    expect((await h().service.providers.setUpProvider(h().teamId, base, member, false)).ok).to.equal(true);
    expect((await h().service.providers.setUpProvider(h().teamId, base, outsider, false)).ok).to.equal(false);
  });

  it('takes the right from someone removed from the group once the cached list is a minute old', async () => {
    expect(await h().service.isApprover(h().teamId, member.userId)).to.equal(true);
    const asked = h().slackApi.callsOf('usergroups.users.list').length;
    h().slackApi.userGroups.get(GROUP.id)?.users.splice(0);

    h().advance(MEMBERS_TTL_MS - 1);
    expect(await h().service.isApprover(h().teamId, member.userId), 'still within the cache window').to.equal(true);
    expect(h().slackApi.callsOf('usergroups.users.list')).to.have.length(asked);

    h().advance(1);
    expect(await h().service.isApprover(h().teamId, member.userId)).to.equal(false);
    const refused = await h().service.invitations.createInvitation(h().teamId, { email: 'c@fabrikam.example' }, member);
    expect(refused).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
    expect(h().slackApi.callsOf('usergroups.users.list')).to.have.length(asked + 1);
  });

  it('asks Slack once for a burst of checks within the minute', async () => {
    const asked = h().slackApi.callsOf('usergroups.users.list').length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => h().service.isApprover(h().teamId, member.userId)),
    );
    expect(answers).to.deep.equal(Array(6).fill(true));
    expect(h().slackApi.callsOf('usergroups.users.list')).to.have.length(asked + 1);
  });

  it('gives someone added to the group the right once the cached list is a minute old', async () => {
    expect(await h().service.isApprover(h().teamId, outsider.userId)).to.equal(false);
    h().slackApi.userGroups.get(GROUP.id)?.users.push(outsider.userId);
    h().advance(MEMBERS_TTL_MS);
    expect(await h().service.isApprover(h().teamId, outsider.userId)).to.equal(true);
  });

  it('grants nothing through a group Slack cannot answer for, while named approvers still act', async () => {
    await h().setUp({ approverUserIds: [approver.userId], approverGroup: { id: 'S0DELETED', name: 'Gone' } });
    expect(await h().service.isApprover(h().teamId, member.userId)).to.equal(false);
    expect(await h().service.isApprover(h().teamId, approver.userId)).to.equal(true);
    // A failure is not remembered: the next check asks Slack again.
    const asked = h()
      .slackApi.callsOf('usergroups.users.list')
      .filter((c) => c.args.usergroup === 'S0DELETED').length;
    await h().service.isApprover(h().teamId, member.userId);
    expect(
      h()
        .slackApi.callsOf('usergroups.users.list')
        .filter((c) => c.args.usergroup === 'S0DELETED'),
    ).to.have.length(asked + 1);
  });

  async function current() {
    const provider = await h().service.getProviderBySlackTeam(h().teamId);
    const p = provider?.partner;
    return {
      legalName: p?.legalName ?? '',
      mpnId: p?.mpnId ?? '',
      tenantId: p?.tenantId ?? '',
      country: p?.country ?? '',
      approverUserIds: provider?.settings.approverUserIds ?? [],
      approverGroup: provider?.settings.approverGroup,
      channelId: provider?.settings.channelId ?? '',
    };
  }
});
