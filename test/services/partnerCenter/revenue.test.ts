import { expect } from 'chai';
import { isPartnerCenterError } from '../../../services/partnerCenter/errors';
import { RestGateway } from '../../../services/partnerCenter/restGateway';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { customerWithOrder } from '../../support/fixtures/sandboxOrders';
import { regionOf } from './testRegions';

const MONTH_MS = (365 * 86_400_000) / 12;

describe('Partner Center: a reseller’s trailing 12-month revenue through the distributor (A1)', () => {
  let now = Date.parse('2026-12-03T09:00:00Z');
  let sandbox: SandboxGateway;

  beforeEach(() => {
    now = Date.parse('2026-12-03T09:00:00Z');
    sandbox = new SandboxGateway({
      records: new MemoryAtomicStore(),
      clock: { stepMs: 60_000 },
      now: () => now,
      regionOf,
    });
  });

  const revenue = () => sandbox.as(DEMO.provider.tenantId).getResellerRevenue(DEMO.resellerReady.tenantId);

  it('grows with the orders the sandbox took, billed monthly, on top of what the operator recorded (A1)', async () => {
    expect((await revenue())?.usd).to.equal(0);
    const session = sandbox.as(DEMO.provider.tenantId);
    await customerWithOrder(session, 'piekarniarevenue');
    expect((await revenue())?.usd).to.equal(125);
    now += 3 * MONTH_MS + 1000;
    expect((await revenue())?.usd).to.equal(500);
    await sandbox.setRevenue(DEMO.resellerReady.tenantId, 600);
    expect(await revenue()).to.include({ usd: 1100, resellerTenantId: DEMO.resellerReady.tenantId });
  });

  it('answers only the distributor the reseller works with, as only its invoices hold the reseller’s lines (A1, API1)', async () => {
    const error = await sandbox
      .as(DEMO.provider.tenantId)
      .getResellerRevenue(DEMO.resellerOtherRegion.tenantId)
      .catch((e: unknown) => e);
    expect(isPartnerCenterError(error, 'not-found')).to.equal(true);
  });

  it('has no such read on the real API: the REST client says so without calling anything (A1)', async () => {
    let calls = 0;
    const rest = new RestGateway({
      baseUrl: 'http://127.0.0.1:9',
      getAccessToken: async () => {
        calls += 1;
        return 'token';
      },
    });
    expect(await rest.as(DEMO.provider.tenantId).getResellerRevenue(DEMO.resellerReady.tenantId)).to.equal(undefined);
    expect(calls).to.equal(0);
  });
});

describe('Partner Center: the revenue read refuses a malformed reseller id alike on both clients (A1)', () => {
  const gateways = {
    sandbox: () => new SandboxGateway({ records: new MemoryAtomicStore(), clock: { stepMs: 60_000 }, regionOf }),
    rest: () => new RestGateway({ baseUrl: 'http://127.0.0.1:9', getAccessToken: async () => 'token' }),
  };
  for (const [name, make] of Object.entries(gateways)) {
    it(`${name}: answers invalid-input and reads nothing (A1)`, async () => {
      const error = await make()
        .as(DEMO.provider.tenantId)
        .getResellerRevenue('not-a-tenant')
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'invalid-input')).to.equal(true);
    });
  }
});
