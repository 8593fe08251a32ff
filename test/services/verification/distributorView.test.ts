import { expect } from 'chai';
import sinon from 'sinon';
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import { VALIDATE_RESELLERS_MAX } from '../../../services/partnerCenter/inputs';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { openStore, type Store } from '../../../services/storage/openStore';
import { DistributorView } from '../../../services/verification/distributorView';
import { tempDataDir } from '../../support/drivers/testAssistant';
import { regionOf } from '../partnerCenter/testRegions';

const DAY = 24 * 3600_000;

/**
 * One reseller of each kind validateresellers answers for (R1, R2): valid, refused only for the unsigned
 * MPA (still authorised), refused for another cause, an id Partner Center does not know, an id that is not
 * a PartnerID at all, and a reseller whose PartnerID we do not have.
 */
const MIXED = [
  DEMO.resellerReady.mpnId,
  DEMO.resellerWithoutMpa.mpnId,
  DEMO.resellerOtherRegion.mpnId,
  DEMO.unknownMpnId,
  'not-a-partner-id',
  undefined,
];

describe('DistributorView: partner of record for several resellers from one validateresellers (R1, R2, API1)', () => {
  let store: Store;
  let gateway: SandboxGateway;
  let calls: string[][];
  let view: DistributorView;

  beforeEach(() => {
    store = openStore({ backend: 'sqlite', dataDir: tempDataDir() });
    gateway = new SandboxGateway({ records: store.records, clock: { stepMs: DAY }, regionOf });
    calls = [];
    const as = gateway.as.bind(gateway);
    sinon.stub(gateway, 'as').callsFake((tenantId: string) => {
      const session = as(tenantId);
      return {
        ...session,
        validateResellers: async (ids: string[]) => {
          calls.push(ids);
          return session.validateResellers(ids);
        },
      } as PartnerCenterSession;
    });
    view = new DistributorView({
      partnerCenter: gateway,
      partners: new PartnerDirectory(store.records),
      distributorTenantId: DEMO.provider.tenantId,
    });
  });
  afterEach(async () => {
    sinon.restore();
    await store.close();
  });

  it('answers each reseller of a mixed list as the one-by-one path does, with one call (R1; R2 MPA only)', async () => {
    const oneByOne = [];
    for (const id of MIXED) oneByOne.push(await view.partnerIdStanding(id));
    calls = [];
    const standingOf = await view.partnerIdStandings(MIXED);
    expect(MIXED.map(standingOf)).to.deep.equal(oneByOne);
    expect(calls).to.deep.equal([
      [DEMO.resellerReady.mpnId, DEMO.resellerWithoutMpa.mpnId, DEMO.resellerOtherRegion.mpnId, DEMO.unknownMpnId],
    ]);
    // What each kind is, so the comparison above compares something.
    expect(oneByOne.map((s) => s && { valid: s.valid, authorised: s.authorised })).to.deep.equal([
      { valid: true, authorised: true },
      { valid: false, authorised: true },
      { valid: false, authorised: false },
      { valid: false, authorised: false },
      undefined,
      undefined,
    ]);
  });

  it('answers "not known" for every reseller when the one call fails, never a guess (R1)', async () => {
    sinon.restore();
    sinon.stub(gateway, 'as').callsFake(
      () =>
        ({
          validateResellers: async () => {
            throw new Error('Partner Center is unavailable');
          },
        }) as unknown as PartnerCenterSession,
    );
    const standingOf = await view.partnerIdStandings(MIXED);
    expect(MIXED.map(standingOf)).to.deep.equal(MIXED.map(() => undefined));
  });

  it('splits a list longer than the gateway takes into as few calls as it allows, each id answered once (R1)', async () => {
    const ids = Array.from({ length: VALIDATE_RESELLERS_MAX + 1 }, (_, i) => String(8_000_000 + i));
    const standingOf = await view.partnerIdStandings(ids);
    expect(calls.map((c) => c.length)).to.deep.equal([VALIDATE_RESELLERS_MAX, 1]);
    expect(ids.map((id) => standingOf(id)?.mpnId)).to.deep.equal(ids);
  });
});
