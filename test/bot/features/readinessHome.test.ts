import { expect } from 'chai';
import sinon from 'sinon';
import { ReadinessHome } from '../../../bot/features/readinessHome';
import { ReadyToTransact } from '../../../services/readiness/readyToTransact';
import { defaultRegionTable } from '../../../services/rules/regionTable';
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import { FABRIKAM, partneredWithFabrikam } from '../../support/fixtures/customerHarness';
import {
  fresh,
  freshMpnId,
  partnerThroughPartnerCenter,
  seedReseller,
  seedSandboxAccount,
} from '../../support/fixtures/partnerships';
import { type Harness, onEveryBackend } from '../../support/fixtures/serviceHarness';

/**
 * `count` resellers partnered with the harness's distributor, named `Reseller 01`...; every fifth has not
 * signed the MPA (M2), so it is not ready to order. Resolves with the names of those not ready.
 */
async function resellers(h: Harness, count: number): Promise<string[]> {
  await h.partners.update(h.providerId, (current) =>
    current ? { ...current, status: { ...current.status, mpaSigned: true } } : current,
  );
  const notReady: string[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `Reseller ${String(i).padStart(2, '0')}`;
    const seed = {
      tenantId: fresh(),
      name,
      country: 'PL',
      mpnId: freshMpnId(),
      primaryContactEmail: `it@reseller-${i}.pl`,
    };
    await seedReseller(h.partners, seed, { tenantId: seed.tenantId });
    await seedSandboxAccount(h.store.records, seed, { mpaSigned: i % 5 !== 0, linkMpn: true });
    const { code } = await h.invite(seed.primaryContactEmail);
    await partnerThroughPartnerCenter(h.service, h.sandbox, code, {
      tenantId: seed.tenantId,
      actor: { platform: 'teams', userId: `aad-${i}` },
    });
    if (i % 5 === 0) notReady.push(name);
  }
  return notReady;
}

/** Every call made on a Partner Center session from now on, by operation name, until `restore`. */
function partnerCenterReads(h: Harness) {
  const calls: string[] = [];
  const as = h.partnerCenter.as.bind(h.partnerCenter);
  const stub = sinon.stub(h.partnerCenter, 'as').callsFake((tenantId: string) => {
    const session = as(tenantId);
    return new Proxy(session, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as PartnerCenterSession;
  });
  const tally = () => calls.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});
  return { tally, clear: () => calls.splice(0), restore: () => stub.restore() };
}

onEveryBackend(
  'The App Home readiness section: read when the rep opens it, not again at every decision (issue 15 item 6, issue 18)',
  (h) => {
    const readiness = () =>
      new ReadyToTransact({
        partners: h().partners,
        partnerships: h().service,
        partnerCenter: h().partnerCenter,
        regions: defaultRegionTable,
      });
    const porState = (report: { conditions: Array<{ id: string; state: string }> } | undefined) =>
      report?.conditions.find((c) => c.id === 'partner-of-record')?.state;

    afterEach(async () => {
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
    });

    it('gives each reseller the conditions /csp ready gives it, by the same rules (R1, R2)', async () => {
      await partneredWithFabrikam(h());
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      const reports = await home.reports(h().providerId, true);
      const full = await readiness().forDistributor(h().providerId, FABRIKAM);
      expect(reports).to.have.length(1);
      expect(reports.map((r) => r.reseller.tenantId)).to.deep.equal([FABRIKAM]);
      expect(reports[0].ready).to.equal(false);
      expect(reports[0].conditions).to.deep.equal(full.conditions);
    });

    it('gives each reseller of a mixed list, asked in one validateresellers, the conditions /csp ready gives it alone (R1, R2)', async function () {
      this.timeout(60_000);
      await resellers(h(), 5); // Reseller 05 has not signed the MPA: refused for that alone (R2).
      const rows = (await h().service.listResellers(h().providerId)).sort((a, b) =>
        (a.reseller?.legalName ?? '').localeCompare(b.reseller?.legalName ?? ''),
      );
      const [, refused, unknown] = rows.map((r) => r.partnership.resellerId);
      await h().sandbox.holdPartnerOfRecord(refused, 'compliance');
      await h().partners.update(unknown, (current) => (current ? { ...current, mpnId: freshMpnId() } : current));
      try {
        const list = rows.map((r) => ({ tenantId: r.partnership.resellerId, state: r.partnership.state }));
        const reads = partnerCenterReads(h());
        const together = await readiness()
          .conditionsForDistributor(h().providerId, list)
          .finally(() => reads.restore());
        expect(reads.tally()).to.include({ validateResellers: 1 });
        const alone = await Promise.all(list.map((r) => readiness().forDistributor(h().providerId, r.tenantId)));
        expect(together.map((r) => r.conditions)).to.deep.equal(alone.map((r) => r.conditions));
        expect(together.map(porState)).to.deep.equal(['met', 'failed', 'failed', 'met', 'failed']);
      } finally {
        await h().sandbox.holdPartnerOfRecord(refused, undefined);
      }
    });

    it('reads Partner Center again each time the rep opens the tab, so a change there shows at once (R1)', async () => {
      await partneredWithFabrikam(h());
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      expect(porState((await home.reports(h().providerId, true))[0])).to.equal('met');
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      expect(porState((await home.reports(h().providerId, true))[0])).to.equal('failed');
    });

    it('asks Partner Center nothing when a decision redraws the App Home: what was read last, until the next opening', async () => {
      await partneredWithFabrikam(h());
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      const opened = await home.reports(h().providerId, true);
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      const as = sinon.spy(h().partnerCenter, 'as');
      try {
        const redrawn = await home.reports(h().providerId, false);
        expect(as.callCount).to.equal(0);
        expect(redrawn).to.deep.equal(opened);
      } finally {
        as.restore();
      }
      expect(porState((await home.reports(h().providerId, true))[0])).to.equal('failed');
    });

    it('assesses a reseller again at a redraw once what the assistant holds of it changed (its partnership, its reported facts)', async () => {
      await partneredWithFabrikam(h());
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      await home.reports(h().providerId, false);
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      await h().partners.update(FABRIKAM, (current) =>
        current ? { ...current, status: { ...current.status, mpaReportedSigned: true } } : current,
      );
      expect(porState((await home.reports(h().providerId, false))[0])).to.equal('failed');
    });

    it('counts every reseller and those not ready, the ones not ready first wherever their names fall: for 40, agreementstatus each and validateresellers (R1) and the relationship list once, 42 Partner Center reads, when the rep opens the tab (M2)', async function () {
      this.timeout(120_000);
      const notReady = await resellers(h(), 40);
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      const reads = partnerCenterReads(h());
      try {
        const first = await home.page(h().providerId, true, 1);
        expect(first).to.include({ total: 40, notReady: 8, page: 1, pages: 3 });
        expect(first.reports.slice(0, 8).map((r) => r.reseller.name)).to.deep.equal(notReady);
        expect(first.reports.slice(8).every((r) => r.ready)).to.equal(true);
        expect(reads.tally()).to.deep.equal({ listRelationships: 1, validateResellers: 1, getAgreementStatus: 40 });
      } finally {
        reads.restore();
      }
    });

    it('turns to the next page from what the opening read, asking Partner Center nothing', async function () {
      this.timeout(120_000);
      await resellers(h(), 20);
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      const first = await home.page(h().providerId, true, 1);
      const reads = partnerCenterReads(h());
      try {
        const second = await home.page(h().providerId, false, 2);
        expect(reads.tally()).to.deep.equal({});
        expect(second).to.include({ total: 20, notReady: 4, page: 2, pages: 2, offset: 15 });
        const names = [...first.reports, ...second.reports].map((r) => r.reseller.name);
        expect(new Set(names).size).to.equal(20);
        // Reseller 15 and 20 have not signed the MPA: they came first, on page 1.
        expect(second.reports.map((r) => r.reseller.name)).to.deep.equal([
          'Reseller 14',
          'Reseller 16',
          'Reseller 17',
          'Reseller 18',
          'Reseller 19',
        ]);
        expect(first.reports.map((r) => r.reseller.name)).to.include.members(['Reseller 15', 'Reseller 20']);
      } finally {
        reads.restore();
      }
    });
  },
);
