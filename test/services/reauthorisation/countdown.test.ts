import { expect } from 'chai';
import { type Partnership, partnershipId } from '../../../services/domain/partnership';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { PartnershipIndexes } from '../../../services/partnerships/partnershipIndexes';
import { KEYS } from '../../../services/partnerships/partnershipRecords';
import { ReauthorisationCountdown } from '../../../services/reauthorisation/countdown';
import { recordReported } from '../../../services/reauthorisation/reauthorisationRecords';
import { reauthorisationStanding } from '../../../services/reauthorisation/standing';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { regionOf } from '../partnerCenter/testRegions';

const DAY_MS = 86_400_000;
const PROVIDER = 'slack:T0CONTOSO';
const RESELLER = DEMO.resellerReady.tenantId;

/** A unit test's fixture: an active partnership confirmed on 15 March 2026 (indexed, as stored), and the provider's channel. */
async function partneredStore() {
  const records = new MemoryAtomicStore();
  const partnership: Partnership = {
    id: partnershipId(PROVIDER, RESELLER),
    providerId: PROVIDER,
    resellerId: RESELLER,
    state: 'active',
    createdBy: { platform: 'slack', userId: 'U0APPROVER' },
    createdAt: '2026-03-10T08:00:00.000Z',
    confirmedAt: '2026-03-15T10:00:00.000Z',
  };
  await new PartnershipIndexes(records, () => new Date()).willBeStored(PROVIDER, RESELLER);
  await records.compareAndSet(KEYS.partnership(PROVIDER, RESELLER), undefined, partnership);
  await records.compareAndSet(KEYS.settings('T0CONTOSO'), undefined, { channelId: 'C0CHANNEL' });
  const partners = new PartnerDirectory(records);
  await partners.update(PROVIDER, () => ({
    id: PROVIDER,
    kind: 'indirect-provider',
    tenantId: DEMO.provider.tenantId,
    legalName: DEMO.provider.name,
    affiliates: [],
    domains: [],
    status: { enrolment: 'enrolled', verification: 'Authorized', mpaSigned: true, onboardedInPartnerCenter: true },
  }));
  return { records, partners };
}

describe('Reauthorisation countdown: each side told once per threshold (A2)', () => {
  let clock = new Date('2026-12-31T12:00:00Z'); // 60 days before 1 March 2027
  const logger = { warn: () => {}, error: () => {} };

  const instance = (records: MemoryAtomicStore, partners: PartnerDirectory, sent: string[]) =>
    new ReauthorisationCountdown({
      records,
      partners,
      partnerCenter: new SandboxGateway({ records, clock: { stepMs: 60_000 }, regionOf }),
      notifier: {
        teamsTenant: async (tenantId, _notice, key) => void sent.push(`teams ${tenantId} ${key}`),
        slackChannel: async (channel, _notice, key) => void sent.push(`slack ${channel} ${key}`),
      },
      clock: () => clock,
      everyMs: 60_000,
      logger,
    });

  it('tells the reseller and the distributor’s channel once, across two instances, repeated passes and a restart (A2)', async () => {
    clock = new Date('2026-12-31T12:00:00Z');
    const { records, partners } = await partneredStore();
    const sent: string[] = [];
    const [a, b] = [instance(records, partners, sent), instance(records, partners, sent)];
    await Promise.all([a.checkAll(), b.checkAll()]);
    await a.checkAll();
    await instance(records, partners, sent).checkAll();
    const distinct = [...new Set(sent)];
    expect(distinct).to.deep.equal([
      `teams ${RESELLER} reauthorisation:${RESELLER}:${PROVIDER}:2027-03:60`,
      `slack C0CHANNEL reauthorisation:${RESELLER}:${PROVIDER}:2027-03:60`,
    ]);
    // Two instances racing may both hand the notice to the outbox; its dedupe key keeps one delivery.
    expect(sent.length).to.be.at.most(4);
  });

  it('sends the next threshold’s notice when its day comes, and none once nothing is missing (A1, A2)', async () => {
    clock = new Date('2026-12-31T12:00:00Z');
    const { records, partners } = await partneredStore();
    const sent: string[] = [];
    const countdown = instance(records, partners, sent);
    await countdown.checkAll();
    clock = new Date(Date.parse('2027-03-01T00:00:00Z') - 30 * DAY_MS + 3600_000);
    await countdown.checkAll();
    expect(sent.filter((s) => s.endsWith(':30'))).to.have.length(2);
    await new SandboxGateway({ records, clock: { stepMs: 60_000 }, regionOf }).setRevenue(RESELLER, 1500);
    await recordReported(records, RESELLER, { mfa: true, 'security-contact': true, endorsement: true }, 'aad', clock);
    const standing = await reauthorisationStanding({
      records,
      partners,
      partnerCenter: new SandboxGateway({ records, clock: { stepMs: 60_000 }, regionOf }),
    })({ tenantId: RESELLER, providerId: PROVIDER }, clock);
    expect(standing?.missing).to.deep.equal([]);
    expect(standing?.items.find((i) => i.id === 'revenue')).to.include({
      met: true,
      source: 'partner-center',
      usd: 1500,
    });
    expect(standing?.countdown).to.equal(undefined);
  });

  it('has no standing for a reseller without an active partnership with that distributor (A1)', async () => {
    const { records, partners } = await partneredStore();
    const standing = reauthorisationStanding({
      records,
      partners,
      partnerCenter: new SandboxGateway({ records, clock: { stepMs: 60_000 }, regionOf }),
    });
    expect(await standing({ tenantId: RESELLER, providerId: 'slack:T0OTHER' }, clock)).to.equal(undefined);
  });
});
