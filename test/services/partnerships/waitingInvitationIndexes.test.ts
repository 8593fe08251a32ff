import { expect } from 'chai';
import type { PartnerDraft } from '../../../services/domain/partner';
import { DEMO, fresh, freshMpnId, seedReseller } from '../../support/fixtures/partnerships';
import { approver, DAY_MS, onEveryBackend, teamsUser } from '../../support/fixtures/serviceHarness';

/**
 * P2, P3 (E7, E4): what waits for a person on their first turn is read from indexes of the open
 * invitations (by address, domain and MPN ID) and of the partners (by MPN ID and primary contact). They
 * follow each invitation from sending to its answer, and an upgrade loses nothing stored before them.
 */
onEveryBackend('Waiting invitations from their indexes (P2, P3)', (h) => {
  const member = (upn: string, tenantId: string) => ({ userPrincipalName: upn, userRole: 'user', tenantId });

  /** A reseller's person at their own company domain, and what their first turn would tell them. */
  async function personAt() {
    const tenantId = fresh();
    const domain = `fabrikam-${tenantId.slice(0, 8)}.pl`;
    const person = { tenantId, aadObjectId: `aad-${tenantId}` };
    const told = async () =>
      (await h().service.invitations.personMet(person, member(`piotr@${domain}`, tenantId))).map(
        (w) => `${w.invitation.id}:${w.code}`,
      );
    return { tenantId, domain, told };
  }

  it('tells what is still open: not once revoked, declined or accepted, not once expired, again once sent anew', async () => {
    const { tenantId, domain, told } = await personAt();
    await seedReseller(h().partners, { ...DEMO.resellerReady, primaryContactEmail: `anna@${domain}` }, { tenantId });
    const sent = [];
    for (const local of ['revoked', 'declined', 'accepted', 'kept']) {
      sent.push(await h().invite(`${local}@sales.${domain}`));
      h().advance(1_000);
    }
    expect(await told()).to.have.length(4);

    expect((await h().service.invitations.revokeInvitation(h().teamId, sent[0].invitation.id, approver)).ok).to.equal(
      true,
    );
    const decliner = { tenantId, actor: teamsUser(1), email: sent[1].invitation.email };
    expect((await h().service.answers.decline(sent[1].code, decliner)).ok).to.equal(true);
    expect((await h().service.answers.authorise(sent[2].code, { tenantId, actor: teamsUser(2) })).ok).to.equal(true);
    expect(await told()).to.deep.equal([`${sent[3].invitation.id}:${sent[3].code}`]);

    h().advance(31 * DAY_MS);
    expect(await told()).to.deep.equal([]);
    const resent = await h().service.invitations.resendInvitation(h().teamId, sent[3].invitation.id, approver);
    if (!resent.ok) throw new Error(JSON.stringify(resent));
    expect(resent.value.newLink).to.equal(true);
    expect(await told()).to.deep.equal([`${sent[3].invitation.id}:${resent.value.code}`]);
  });

  it('tells a person of invitations an older version left unindexed once the start sweep has run', async () => {
    const { tenantId, domain, told } = await personAt();
    const mpnId = freshMpnId();
    await seedReseller(
      h().partners,
      { ...DEMO.resellerReady, mpnId, primaryContactEmail: `anna@${domain}` },
      { tenantId },
    );
    const byDomain = await h().invite(`it@sales.${domain}`);
    h().advance(1_000);
    const byMpnId = await h().invite(`someone@elsewhere-${tenantId.slice(0, 8)}.pl`, { mpnId });
    // Unit fixture: the invitations as the previous version left them, without these index entries.
    for (const { invitation } of [byDomain, byMpnId]) await h().service.invitations.open.noLongerOpen(invitation);
    expect(await told()).to.deep.equal([]);

    await h().service.invitations.open.indexExisting();

    expect(await told()).to.deep.equal([
      `${byMpnId.invitation.id}:${byMpnId.code}`,
      `${byDomain.invitation.id}:${byDomain.code}`,
    ]);
  });

  it("finds the reseller an invitation names in an older version's partner record once the start sweep has run", async () => {
    const tenantId = fresh();
    const contact = `contact-${tenantId}@fabrikam.example`;
    const mpnId = freshMpnId();
    const stored: PartnerDraft = {
      id: tenantId,
      kind: 'indirect-reseller',
      tenantId,
      mpnId: `00${mpnId}`,
      primaryContact: { name: 'Primary contact', email: contact },
      affiliates: [],
      domains: [],
      status: { enrolment: 'enrolled', verification: 'Authorized', mpaSigned: true, onboardedInPartnerCenter: true },
    };
    // Unit fixture: a partner record as the previous version wrote it.
    await h().store.records.compareAndSet(`partner:${tenantId}`, undefined, stored);
    const { invitation } = await h().invite(contact);
    const waiting = async () =>
      (await h().service.invitations.waitingInvitations(tenantId)).map((w) => w.invitation.id);

    expect(await h().service.invitations.resellerTenantByEmail(contact)).to.equal(undefined);

    await h().partners.indexExisting();

    expect(await h().service.invitations.resellerTenantByEmail(contact.toUpperCase())).to.equal(tenantId);
    expect([...(await h().service.invitations.invitedTenants(invitation))]).to.deep.equal([tenantId]);
    expect(await waiting()).to.deep.equal([invitation.id]);
    const byMpnId = await h().invite(`other@elsewhere-${tenantId.slice(0, 8)}.pl`, { mpnId });
    expect([...(await h().service.invitations.invitedTenants(byMpnId.invitation))]).to.deep.equal([tenantId]);
  });
});
