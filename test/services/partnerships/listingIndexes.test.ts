import { expect } from 'chai';
import { type Partnership, partnershipId } from '../../../services/domain/partnership';
import { KEYS } from '../../../services/partnerships/partnershipRecords';
import { DEMO, fresh, seedReseller } from '../../support/fixtures/partnerships';
import { approver, onEveryBackend, teamsUser } from '../../support/fixtures/serviceHarness';

/**
 * The partnership listings read their own indexes, not the store's keyspace: what an older version stored
 * without index entries is listed once the start sweep has run (an upgrade loses nothing), and an answered
 * invitation leaves the open ones.
 */
onEveryBackend('Partnership listings from their indexes (P2, P3)', (h) => {
  /** Unit fixture: a partnership as the previous version wrote it (a record, no index entry). */
  async function storedByAnOlderVersion(resellerId: string, state: Partnership['state']) {
    const at = h().now().toISOString();
    const partnership = {
      id: partnershipId(h().providerId, resellerId),
      providerId: h().providerId,
      resellerId,
      state,
      createdBy: approver,
      createdAt: at,
      decidedAt: at,
      updatedAt: at,
    } as Partnership;
    await h().store.records.compareAndSet(KEYS.partnership(h().providerId, resellerId), undefined, partnership);
  }
  /** Redis lists partnerships and partners from their indexes; SQLite by prefix, a range of its keys (RecordIndex). */
  const fromIndexes = () => h().store.records.backend === 'redis';
  const resellersListed = async () =>
    (await h().service.listResellers(h().providerId)).map((row) => row.partnership.resellerId);
  const awaitingConfirmation = async () =>
    (await h().service.partnerships.confirmationWork(h().now())).awaiting.map((p) => p.resellerId);

  it("lists an older version's partnerships to their provider and to the confirmation pass after the sweep (P3)", async () => {
    const [first, second] = [fresh(), fresh()].sort();
    await storedByAnOlderVersion(second, 'awaiting-partner-center');
    await storedByAnOlderVersion(first, 'active');
    if (fromIndexes()) {
      expect(await resellersListed()).to.deep.equal([]);
      expect(await awaitingConfirmation()).not.to.include(second);
    }

    await h().service.partnerships.indexExisting();

    expect(await resellersListed()).to.deep.equal([first, second]);
    expect(await awaitingConfirmation()).to.include(second);
    expect((await h().service.listProviders(first)).map((row) => row.partnership.providerId)).to.deep.equal([
      h().providerId,
    ]);
  });

  it("lists an older version's open invitation to its provider and its invitee after the sweep, and not once revoked (P2)", async () => {
    const tenantId = fresh();
    const email = `contact-${tenantId}@fabrikam.example`;
    await seedReseller(h().partners, { ...DEMO.resellerReady, primaryContactEmail: email }, { tenantId });
    const { invitation } = await h().invite(email);
    const openIds = async () => (await h().service.invitations.openInvitations(h().providerId)).map((i) => i.id);
    const waitingIds = async () =>
      (await h().service.invitations.waitingInvitations(tenantId)).map((w) => w.invitation.id);
    expect(await openIds()).to.deep.equal([invitation.id]);
    expect(await waitingIds()).to.deep.equal([invitation.id]);

    // Unit fixture: the invitation as the previous version left it, without index entries.
    await h().service.invitations.open.noLongerOpen(invitation);
    expect(await openIds()).to.deep.equal([]);
    await h().service.invitations.open.indexExisting();
    expect(await openIds()).to.deep.equal([invitation.id]);
    expect(await waitingIds()).to.deep.equal([invitation.id]);

    expect((await h().service.invitations.revokeInvitation(h().teamId, invitation.id, approver)).ok).to.equal(true);
    expect(await openIds()).to.deep.equal([]);
    expect(await waitingIds()).to.deep.equal([]);
  });

  it('takes a declined invitation out of the open ones (P3)', async () => {
    const tenantId = fresh();
    const email = `contact-${tenantId}@fabrikam.example`;
    await seedReseller(h().partners, { ...DEMO.resellerReady, primaryContactEmail: email }, { tenantId });
    const { code } = await h().invite(email);
    expect(await h().service.answers.decline(code, { tenantId, actor: teamsUser(1) })).to.have.property('ok', true);
    expect(await h().service.invitations.openInvitations(h().providerId)).to.deep.equal([]);
    expect(await h().service.invitations.waitingInvitations(tenantId)).to.deep.equal([]);
  });

  it('lists an older version’s partner directory after the sweep', async () => {
    const tenantId = fresh();
    // Unit fixture: a partner record as the previous version wrote it.
    await h().store.records.compareAndSet(`partner:${tenantId}`, undefined, { id: tenantId, domains: [] });
    if (fromIndexes()) expect((await h().partners.all()).map((p) => p.id)).not.to.include(tenantId);
    await h().partners.indexExisting();
    expect((await h().partners.all()).map((p) => p.id)).to.include(tenantId);
  });

  it('shows an older version’s audit entries in `/csp audit` after the sweep, newest first', async () => {
    const entry = (at: string) => ({
      at,
      providerId: h().providerId,
      actor: approver,
      action: 'invitation.create',
      outcome: 'done',
      rules: ['P2'],
      details: { email: `older-${at}@fabrikam.example` },
    });
    const shown = async () => (await h().service.audit.latest(h().providerId)).map((e) => e.at);
    const setUp = await shown();
    expect(setUp, 'the provider’s set-up, written by this version').to.have.length(1);
    // Unit fixture: audit entries as the previous version wrote them (records, no index entries).
    for (const at of ['2026-01-02T10:00:00.000Z', '2026-01-03T10:00:00.000Z'])
      await h().store.records.compareAndSet(`${KEYS.audit(h().providerId)}${at}:0:0`, undefined, entry(at));
    if (fromIndexes()) expect(await shown()).to.deep.equal(setUp);
    await h().service.audit.indexExisting();
    expect(await shown()).to.deep.equal([...setUp, '2026-01-03T10:00:00.000Z', '2026-01-02T10:00:00.000Z']);
    await h().invite(`contact-${fresh()}@fabrikam.example`);
    const now = await h().service.audit.latest(h().providerId);
    expect(now.map((e) => e.action).slice(0, 1), 'a new entry comes first').to.deep.equal(['invitation.create']);
    expect(now).to.have.length(4);
  });
});
