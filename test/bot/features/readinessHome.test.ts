import { expect } from 'chai';
import sinon from 'sinon';
import { ReadinessHome } from '../../../bot/features/readinessHome';
import { ReadyToTransact } from '../../../services/readiness/readyToTransact';
import { defaultRegionTable } from '../../../services/rules/regionTable';
import { FABRIKAM, partneredWithFabrikam } from '../../support/fixtures/customerHarness';
import { onEveryBackend } from '../../support/fixtures/serviceHarness';

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
      const { reports, total } = await home.reports(h().providerId, true);
      const full = await readiness().forDistributor(h().providerId, FABRIKAM);
      expect(total).to.equal(1);
      expect(reports.map((r) => r.reseller.tenantId)).to.deep.equal([FABRIKAM]);
      expect(reports[0].ready).to.equal(false);
      expect(reports[0].conditions).to.deep.equal(full.conditions);
    });

    it('reads Partner Center again each time the rep opens the tab, so a change there shows at once (R1)', async () => {
      await partneredWithFabrikam(h());
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      expect(porState((await home.reports(h().providerId, true)).reports[0])).to.equal('met');
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      expect(porState((await home.reports(h().providerId, true)).reports[0])).to.equal('failed');
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
        expect(redrawn.reports).to.deep.equal(opened.reports);
      } finally {
        as.restore();
      }
      expect(porState((await home.reports(h().providerId, true)).reports[0])).to.equal('failed');
    });

    it('assesses a reseller again at a redraw once what the assistant holds of it changed (its partnership, its reported facts)', async () => {
      await partneredWithFabrikam(h());
      const home = new ReadinessHome({ partnerships: h().service, readiness: readiness() });
      await home.reports(h().providerId, false);
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      await h().partners.update(FABRIKAM, (current) =>
        current ? { ...current, status: { ...current.status, mpaReportedSigned: true } } : current,
      );
      expect(porState((await home.reports(h().providerId, false)).reports[0])).to.equal('failed');
    });
  },
);
