import { expect } from 'chai';
import { createLogger } from '../../../bot/logger';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { openStore, type Store } from '../../../services/storage/openStore';
import { type TenantNotifier, VerificationWatcher } from '../../../services/verification/verificationWatcher';
import { tempDataDir } from '../../support/drivers/testAssistant';
import { enrolledReseller, sandboxOn } from '../../proactive/helpers';

const DAY = 24 * 3600_000;
const TENANT = DEMO.resellerWithoutMpa.tenantId;

/** Records what would be enqueued; the outbox keeps one job per dedupe key, so keys are what counts. */
class RecordingNotifier implements TenantNotifier {
  readonly sent: Array<{ tenantId: string; renderer: string; dedupeKey: string }> = [];
  async teamsTenant(tenantId: string, notice: { renderer: string }, dedupeKey: string) {
    this.sent.push({ tenantId, renderer: notice.renderer, dedupeKey });
  }
  keys(renderer: string) {
    return [...new Set(this.sent.filter((s) => s.renderer === renderer).map((s) => s.dedupeKey))];
  }
}

describe('verification watcher: MPA (SQLite)', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore({ backend: 'sqlite', dataDir: tempDataDir() });
  });
  afterEach(async () => {
    await store.close();
  });

  function watcher(clock: { now: number }, notifier: TenantNotifier, milestones: string[] = []) {
    return new VerificationWatcher({
      partners: new PartnerDirectory(store.records),
      partnerCenter: sandboxOn(store.records, 1000, () => clock.now),
      distributorTenantId: DEMO.provider.tenantId,
      notifier,
      records: store.records,
      logger: createLogger('silent'),
      pollMs: 1000,
      mpaReminderEveryMs: 7 * DAY,
      now: () => clock.now,
      onMilestone: async (e) => {
        milestones.push(e.milestone);
      },
    });
  }

  it('reminds a verified reseller without the MPA once per period, from every instance, until signed (M2, M3)', async () => {
    const clock = { now: Date.now() };
    await enrolledReseller(store.records, TENANT, { verification: 'Authorized', verificationSubStatus: 'None' });
    const notifier = new RecordingNotifier();
    const milestones: string[] = [];
    const instances = [watcher(clock, notifier, milestones), watcher(clock, notifier, milestones)];

    await Promise.all(instances.map((w) => w.checkAll()));
    expect(notifier.keys('mpa.reminder')).to.deep.equal([]);

    clock.now += 7 * DAY + 1;
    await Promise.all(instances.map((w) => w.checkAll()));
    await Promise.all(instances.map((w) => w.checkAll()));
    expect(notifier.keys('mpa.reminder')).to.deep.equal([`mpa-reminder:${TENANT}:1`]);

    clock.now += 7 * DAY;
    await instances[0].checkAll();
    expect(notifier.keys('mpa.reminder')).to.have.length(2);

    await sandboxOn(store.records, 1000, () => clock.now).signMpa(TENANT);
    await Promise.all(instances.map((w) => w.checkAll()));
    expect(notifier.keys('mpa.signed')).to.deep.equal([`mpa:${TENANT}:signed`]);
    expect(milestones).to.deep.equal(['mpa-signed']);
    expect((await new PartnerDirectory(store.records).get(TENANT))?.status.mpaSigned).to.equal(true);

    clock.now += 14 * DAY;
    await Promise.all(instances.map((w) => w.checkAll()));
    expect(notifier.keys('mpa.reminder')).to.have.length(2);
  });

  it('announces verification only when the PartnerID turns authorised at Partner Center, no vetting step before (API1, E5, R1)', async () => {
    const clock = { now: Date.now() };
    const tenant = DEMO.resellerInVerification.tenantId;
    await enrolledReseller(store.records, tenant, { verification: 'Pending', verificationSubStatus: 'EmailOwnership' });
    const directory = new PartnerDirectory(store.records);
    await directory.update(tenant, (p) => p && { ...p, mpnId: DEMO.resellerInVerification.mpnId });
    const notifier = new RecordingNotifier();
    const milestones: string[] = [];
    const sandbox = sandboxOn(store.records, 1000, () => clock.now);
    const w = watcher(clock, notifier, milestones);

    for (let step = 0; step < 3; step++) {
      await sandbox.advanceVerification(tenant);
      await w.checkAll();
    }
    expect(notifier.keys('verification.changed')).to.deep.equal([]);

    await sandbox.setVerification(tenant, 'Authorized', 'None');
    await w.checkAll();
    await w.checkAll();
    expect(notifier.keys('verification.changed')).to.deep.equal([`verification:${tenant}:Authorized:None`]);
    expect(milestones).to.deep.equal(['verified']);
    expect((await directory.get(tenant))?.status).to.include({ verification: 'Authorized', mpaSigned: false });
  });

  it('records a change seen by two instances once, and tells the distributors once (E5)', async () => {
    const clock = { now: Date.now() };
    const tenant = DEMO.resellerInVerification.tenantId;
    await enrolledReseller(store.records, tenant, { verification: 'Pending', verificationSubStatus: 'Decision' });
    const notifier = new RecordingNotifier();
    const milestones: string[] = [];
    const [a, b] = [watcher(clock, notifier, milestones), watcher(clock, notifier, milestones)];
    const changed = await Promise.all([
      a.applyVerification(tenant, 'Authorized', 'None'),
      b.applyVerification(tenant, 'Authorized', 'None'),
    ]);
    expect(changed.filter(Boolean)).to.have.length(1);
    expect(notifier.keys('verification.changed')).to.deep.equal([`verification:${tenant}:Authorized:None`]);
    expect(milestones).to.deep.equal(['verified']);
  });
});
