import { expect } from 'chai';
import { DEMO, fresh, seedReseller } from './fixtures';
import { approver, DAY_MS, onEveryBackend, stranger, teamsUser } from './serviceHarness';

onEveryBackend('Resending an invitation (P2)', (h) => {
  it('sends a pending invitation again with the same link, and logs who, when and what', async () => {
    const { invitation, code } = await h().invite('pending@fabrikam.example');
    h().advance(DAY_MS);
    const outcome = await h().service.invitations.resendInvitation(h().teamId, invitation.id, approver);
    expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
    if (!outcome.ok) return;
    expect(outcome.value.newLink).to.equal(false);
    expect(outcome.value.code).to.equal(code);
    expect(outcome.value.invitation.expiresAt).to.equal(invitation.expiresAt);
    expect(outcome.value.invitation.resentAt).to.equal(h().now().toISOString());
    expect((await h().service.invitations.openInvitation(code)).status).to.equal('valid');
    const [entry] = await h().service.audit.latest(h().providerId, 1);
    expect(entry).to.deep.include({
      action: 'invitation.resend',
      outcome: 'done',
      rules: ['P2'],
      at: h().now().toISOString(),
    });
    expect(entry.actor).to.deep.equal(approver);
    expect(entry.details).to.include({ invitation: invitation.id, email: 'pending@fabrikam.example', link: 'same' });
  });

  it('issues a new signed link with a new expiry for an expired invitation; the old link stays unusable', async () => {
    const tenantId = fresh();
    await seedReseller(h().partners, DEMO.resellerReady, { tenantId });
    const { invitation, code: oldCode } = await h().invite('late@fabrikam.example');
    h().advance(31 * DAY_MS);
    expect((await h().service.invitations.openInvitations(h().providerId))[0]).to.include({
      id: invitation.id,
      expired: true,
    });

    const outcome = await h().service.invitations.resendInvitation(h().teamId, invitation.id, approver);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    const { code: newCode, newLink } = outcome.value;
    expect(newLink).to.equal(true);
    expect(newCode).to.not.equal(oldCode);
    expect(Date.parse(outcome.value.invitation.expiresAt)).to.equal(h().now().getTime() + 30 * DAY_MS);
    expect((await h().service.invitations.openInvitations(h().providerId))[0]).to.include({
      id: invitation.id,
      expired: false,
    });

    expect((await h().service.invitations.openInvitation(oldCode)).status).to.equal('replaced');
    // The issue number is signed too: neither a number changed nor a number added passes.
    const [id, , signature] = newCode.split('.');
    expect((await h().service.invitations.openInvitation(`${id}.3.${signature}`)).status).to.equal('forged');
    expect((await h().service.invitations.openInvitation(`${id}.2.${oldCode.split('.')[1]}`)).status).to.equal(
      'forged',
    );
    expect((await h().service.invitations.openInvitation(`${id}.1.${oldCode.split('.')[1]}`)).status).to.equal(
      'forged',
    );
    const withOld = await h().service.answers.authorise(oldCode, { tenantId, actor: teamsUser(1) });
    expect(withOld).to.have.nested.property('lookup.status', 'replaced');
    const declineOld = await h().service.answers.decline(oldCode, { tenantId, actor: teamsUser(1) });
    expect(declineOld).to.have.nested.property('lookup.status', 'replaced');

    const withNew = await h().service.answers.authorise(newCode, { tenantId, actor: teamsUser(2) });
    expect(withNew.ok).to.equal(true);
    // Once used, the old link says so too (it was the same invitation), and the new one is spent.
    expect((await h().service.invitations.openInvitation(oldCode)).status).to.equal('used');
    expect((await h().service.invitations.openInvitation(newCode)).status).to.equal('used');
    const [entry] = (await h().service.audit.latest(h().providerId, 5)).filter((e) => e.action === 'invitation.resend');
    expect(entry.details.link).to.equal('new (issue 2)');
  });

  it('gives exactly one new link when Resend is clicked many times at once on an expired invitation', async () => {
    const { invitation } = await h().invite('double@fabrikam.example');
    h().advance(31 * DAY_MS);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => h().service.invitations.resendInvitation(h().teamId, invitation.id, approver)),
    );
    const codes = new Set(outcomes.map((o) => (o.ok ? o.value.code : JSON.stringify(o.refusal))));
    expect(codes.size, [...codes].join('\n')).to.equal(1);
    expect(outcomes.filter((o) => o.ok && o.value.newLink)).to.have.length(1);
    const stored = await h().store.records.read<{ generation?: number }>(`partnerships:invitation:${invitation.id}`);
    expect(stored?.value.generation).to.equal(2);
    expect((await h().service.invitations.openInvitation([...codes][0])).status).to.equal('valid');
  });

  for (const [state, close] of [
    ['revoked', async (id: string) => h().service.invitations.revokeInvitation(h().teamId, id, approver)],
    [
      'declined',
      async (id: string) => {
        const code = h().service.invitations.codeOf({ id });
        return h().service.answers.decline(code, {
          tenantId: fresh(),
          actor: teamsUser(3),
          email: 'closed@fabrikam.example',
        });
      },
    ],
  ] as const) {
    it(`refuses clearly to resend a ${state} invitation, and logs the refusal`, async () => {
      const { invitation, code } = await h().invite('closed@fabrikam.example');
      expect((await close(invitation.id)).ok).to.equal(true);
      const outcome = await h().service.invitations.resendInvitation(h().teamId, invitation.id, approver);
      expect(outcome).to.deep.nested.include({ ok: false, 'refusal.code': `invitation-closed-${state}` });
      expect(JSON.stringify(outcome)).to.include('closed@fabrikam.example');
      expect((await h().service.invitations.openInvitation(code)).status).to.equal(state);
      const [entry] = await h().service.audit.latest(h().providerId, 1);
      expect(entry).to.deep.include({ action: 'invitation.resend', outcome: 'refused', rules: ['P2'] });
      expect(entry.details.reason).to.equal(`invitation-closed-${state}`);
    });
  }

  it('refuses to resend an accepted invitation, naming who accepted it', async () => {
    const tenantId = fresh();
    await seedReseller(h().partners, DEMO.resellerReady, { tenantId });
    const { invitation, code } = await h().invite('taken@fabrikam.example');
    expect((await h().service.answers.authorise(code, { tenantId, actor: teamsUser(7) })).ok).to.equal(true);
    const outcome = await h().service.invitations.resendInvitation(h().teamId, invitation.id, approver);
    expect(outcome).to.deep.nested.include({
      ok: false,
      'refusal.code': 'invitation-closed-accepted',
      'refusal.params.who': 'Colleague 7',
    });
    // When, as stored: the catalog formats it (a pre-formatted `YYYY-MM-DD HH:MM` reads as local time).
    const when = outcome.ok ? undefined : outcome.refusal.kind === 'input' ? outcome.refusal.params?.when : undefined;
    expect(String(when)).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it("refuses a resend from someone who is not an approver, and an invitation of another provider's", async () => {
    const { invitation, code } = await h().invite('mine@fabrikam.example');
    h().advance(31 * DAY_MS);
    const refused = await h().service.invitations.resendInvitation(h().teamId, invitation.id, stranger);
    expect(refused).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
    const [entry] = await h().service.audit.latest(h().providerId, 1);
    expect(entry).to.deep.include({ action: 'invitation.resend', outcome: 'refused' });
    expect(entry.actor.userId).to.equal(stranger.userId);
    expect((await h().service.invitations.openInvitation(code)).status).to.equal('expired');
    const unknown = await h().service.invitations.resendInvitation(h().teamId, 'AAAAAAAAAAAAAAAA', approver);
    expect(unknown).to.deep.nested.include({ ok: false, 'refusal.code': 'invitation-unknown' });
  });

  it('logs revokes, including one of an invitation that is no longer open', async () => {
    const { invitation } = await h().invite('twice@fabrikam.example');
    expect((await h().service.invitations.revokeInvitation(h().teamId, invitation.id, approver)).ok).to.equal(true);
    expect((await h().service.invitations.revokeInvitation(h().teamId, invitation.id, approver)).ok).to.equal(false);
    const entries = await h().service.audit.latest(h().providerId, 2);
    expect(entries.map((e) => `${e.action}:${e.outcome}:${e.details.reason ?? ''}`)).to.deep.equal([
      'invitation.revoke:refused:already-revoked',
      'invitation.revoke:done:',
    ]);
  });

  it('revokes an expired invitation: neither its old nor a resent link works afterwards', async () => {
    const { invitation, code: first } = await h().invite('gone@fabrikam.example');
    h().advance(31 * DAY_MS);
    const resent = await h().service.invitations.resendInvitation(h().teamId, invitation.id, approver);
    if (!resent.ok) throw new Error('resend refused');
    expect((await h().service.invitations.revokeInvitation(h().teamId, invitation.id, approver)).ok).to.equal(true);
    expect((await h().service.invitations.openInvitation(first)).status).to.equal('revoked');
    expect((await h().service.invitations.openInvitation(resent.value.code)).status).to.equal('revoked');
  });
});
