import { expect } from 'chai';
import { DEMO, fresh, seedReseller } from '../../support/fixtures/partnerships';
import { approver, DAY_MS, onEveryBackend, teamsUser } from '../../support/fixtures/serviceHarness';

/**
 * Who may decline an invitation (P3's other answer): no enrolment is needed, but only the invited
 * organisation may end an invitation meant for it.
 */
onEveryBackend('Declining an invitation (P3)', (h) => {
  async function knownReseller(enrolled = true) {
    const tenantId = fresh();
    const email = `contact-${tenantId}@fabrikam.example`;
    await seedReseller(h().partners, { ...DEMO.resellerReady, primaryContactEmail: email }, { tenantId, enrolled });
    return { tenantId, email };
  }

  it("lets anyone in the invited reseller's tenant decline, enrolled or not", async () => {
    const reseller = await knownReseller(false);
    const { code } = await h().invite(reseller.email.toUpperCase());
    const outcome = await h().service.answers.decline(code, { tenantId: reseller.tenantId, actor: teamsUser(1) });
    expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
    expect((await h().service.invitations.openInvitation(code)).status).to.equal('declined');
  });

  it('knows the invited reseller by the MPN ID on the invitation too', async () => {
    const reseller = await knownReseller();
    const mpnId = DEMO.resellerReady.mpnId;
    const { code } = await h().invite('someone-else@fabrikam.example', { mpnId });
    const elsewhere = await h().service.answers.decline(code, { tenantId: fresh(), actor: teamsUser(2) });
    expect(elsewhere).to.have.nested.property('refusal.code', 'not-invitee');
    const there = await h().service.answers.decline(code, { tenantId: reseller.tenantId, actor: teamsUser(3) });
    expect(there.ok).to.equal(true);
  });

  it('refuses someone in another tenant, leaves the invitation open, and logs the refusal', async () => {
    const reseller = await knownReseller();
    const { code, invitation } = await h().invite(reseller.email);
    const outcome = await h().service.answers.decline(code, {
      tenantId: fresh(),
      actor: teamsUser(4),
      email: 'mallory@elsewhere.example',
    });
    expect(outcome).to.deep.nested.include({ ok: false, 'refusal.kind': 'access', 'refusal.code': 'not-invitee' });
    expect((await h().service.invitations.openInvitation(code)).status).to.equal('valid');
    const [entry] = await h().service.audit.latest(h().providerId, 1);
    expect(entry).to.deep.include({ action: 'invitation.decline', outcome: 'refused', rules: ['P3'] });
    expect(entry.details).to.include({ invitation: invitation.id, reason: 'not-invitee' });
  });

  it('lets the invited address itself decline, from whatever tenant Teams puts it in', async () => {
    const reseller = await knownReseller();
    const { code } = await h().invite(reseller.email);
    const outcome = await h().service.answers.decline(code, {
      tenantId: fresh(),
      actor: teamsUser(5),
      email: reseller.email.toUpperCase(),
    });
    expect(outcome.ok).to.equal(true);
  });

  describe('for a reseller the assistant does not know yet', () => {
    it('lets someone at the invited mail domain decline, not someone at another', async () => {
      const { code } = await h().invite('owner@tailspin.example');
      const other = await h().service.answers.decline(code, {
        tenantId: fresh(),
        actor: teamsUser(6),
        email: 'someone@wingtip.example',
      });
      expect(other).to.have.nested.property('refusal.code', 'not-invitee');
      const colleague = await h().service.answers.decline(code, {
        tenantId: fresh(),
        actor: teamsUser(7),
        email: 'colleague@sales.tailspin.example',
      });
      expect(colleague.ok).to.equal(true);
    });

    it('lets a member whose own account is at the invited domain decline, as Teams reports it (E7)', async () => {
      const { code } = await h().invite('owner@tailspin.example');
      const tenantId = fresh();
      const member = { userPrincipalName: 'colleague@tailspin.example', userRole: 'user', tenantId };
      expect((await h().service.answers.decline(code, { tenantId, actor: teamsUser(10), member })).ok).to.equal(true);
    });

    it('refuses a guest whose home address is the invited one, and a webmail account at it (E4, E7)', async () => {
      const { code } = await h().invite('owner@tailspin.example');
      const guest = {
        userPrincipalName: 'owner_tailspin.example#EXT#@wingtip.onmicrosoft.com',
        email: 'owner@tailspin.example',
        userRole: 'guest',
      };
      const asGuest = await h().service.answers.decline(code, {
        tenantId: fresh(),
        actor: teamsUser(11),
        member: guest,
      });
      expect(asGuest).to.have.nested.property('refusal.code', 'not-invitee');
      const gmail = await h().invite('tailspin.owner@gmail.com');
      const webmail = { userPrincipalName: 'tailspin.owner@gmail.com', email: 'tailspin.owner@gmail.com' };
      const asWebmail = await h().service.answers.decline(gmail.code, {
        tenantId: fresh(),
        actor: teamsUser(12),
        member: webmail,
      });
      expect(asWebmail).to.have.nested.property('refusal.code', 'not-invitee');
      expect((await h().service.invitations.openInvitation(code)).status).to.equal('valid');
    });

    it('lets the holder of the code decline when Teams names no account for them', async () => {
      const { code } = await h().invite('owner@tailspin.example');
      const member = { email: 'someone@wingtip.example' };
      expect(
        (await h().service.answers.decline(code, { tenantId: fresh(), actor: teamsUser(13), member })).ok,
      ).to.equal(true);
    });

    it('lets the holder of the code decline when Teams does not say who they are', async () => {
      const { code } = await h().invite('owner@tailspin.example');
      expect((await h().service.answers.decline(code, { tenantId: fresh(), actor: teamsUser(8) })).ok).to.equal(true);
    });
  });

  it('cannot decline an invitation that is used, revoked or expired', async () => {
    const reseller = await knownReseller();
    const decline = (code: string) =>
      h().service.answers.decline(code, { tenantId: reseller.tenantId, actor: teamsUser(9) });

    const used = await h().invite(reseller.email);
    expect(
      (await h().service.answers.authorise(used.code, { tenantId: reseller.tenantId, actor: teamsUser(1) })).ok,
    ).to.equal(true);
    expect(await decline(used.code)).to.have.nested.property('lookup.status', 'used');

    const revoked = await h().invite(reseller.email);
    expect((await h().service.invitations.revokeInvitation(h().teamId, revoked.invitation.id, approver)).ok).to.equal(
      true,
    );
    expect(await decline(revoked.code)).to.have.nested.property('lookup.status', 'revoked');

    const expired = await h().invite(reseller.email);
    h().advance(31 * DAY_MS);
    expect(await decline(expired.code)).to.have.nested.property('lookup.status', 'expired');
  });

  it('gives one decline when two colleagues decline at once; the other learns who did', async () => {
    const reseller = await knownReseller();
    const { code } = await h().invite(reseller.email);
    const [a, b] = await Promise.all([
      h().service.answers.decline(code, { tenantId: reseller.tenantId, actor: teamsUser(1) }),
      h().service.answers.decline(code, { tenantId: reseller.tenantId, actor: teamsUser(2) }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).to.have.length(1);
    const loser = a.ok ? b : a;
    expect(loser).to.have.nested.property('lookup.status', 'declined');
  });
});
