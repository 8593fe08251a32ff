import { expect } from 'chai';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { regionOf } from './testRegions';

const TAILSPIN_TENANT = '88888888-8888-4888-8888-888888888882';

/** The sandbox's stand-in for a distributor's relationship-request page in Partner Center (P2, P3). */
describe('Partner Center sandbox: the relationship-request page stand-in (P2, P3)', () => {
  let sandbox: SandboxGateway;
  const provider = DEMO.provider.tenantId;

  beforeEach(() => {
    sandbox = new SandboxGateway({ records: new MemoryAtomicStore(), clock: { stepMs: 60_000 }, regionOf });
  });

  const listed = async () =>
    (await sandbox.as(provider).listRelationships('IsIndirectCloudSolutionProviderOf')).map((r) => r.tenantId);

  it('creates the relationship when a newly enrolled reseller authorises the distributor, once, and the distributor then lists it (P3)', async () => {
    await sandbox.as(TAILSPIN_TENANT).submitEnrolment({
      mpnId: DEMO.mpnOnly.mpnId,
      legalName: DEMO.mpnOnly.partnerName,
      country: 'PL',
      primaryContactEmail: 'anna@tailspintoys.pl',
    });
    const before = await sandbox.relationshipRequest(provider, TAILSPIN_TENANT);
    expect(before).to.deep.equal({
      providerName: DEMO.provider.name,
      resellerName: DEMO.mpnOnly.partnerName,
      active: false,
    });
    expect(await listed()).to.not.include(TAILSPIN_TENANT);
    expect((await sandbox.acceptRelationship(provider, TAILSPIN_TENANT)).active).to.equal(true);
    expect((await sandbox.acceptRelationship(provider, TAILSPIN_TENANT)).active).to.equal(true);
    expect((await listed()).filter((t) => t === TAILSPIN_TENANT)).to.have.length(1);
    const theirs = await sandbox.as(TAILSPIN_TENANT).listRelationships('IsIndirectResellerOf');
    expect(theirs.map((r) => r.tenantId)).to.deep.equal([provider]);
  });

  const refusals: Array<[string, string, string]> = [
    ['a tenant without a Partner Center account (P1)', DEMO.unknownTenantId, 'no-account'],
    ['a direct-bill partner, not an indirect reseller (T2)', DEMO.directBill.tenantId, 'not-indirect-reseller'],
    ['a reseller in another region (P6)', DEMO.resellerOtherRegion.tenantId, 'other-region'],
  ];
  for (const [name, tenant, refusal] of refusals) {
    it(`refuses, as Partner Center would, ${name}`, async () => {
      const outcome = await sandbox.acceptRelationship(provider, tenant);
      expect(outcome).to.include({ active: false, refusal });
      expect(await listed()).to.not.include(tenant);
    });
  }

  it('knows no request from a tenant that is not an indirect provider', async () => {
    const asked = sandbox.relationshipRequest(DEMO.resellerReady.tenantId, DEMO.resellerWithoutMpa.tenantId);
    await asked.then(
      () => expect.fail('a reseller has no relationship-request page'),
      (error: Error & { code?: unknown }) => expect(error.code).to.equal('not-found'),
    );
  });
});
