import { expect } from 'chai';
import sinon from 'sinon';
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import { customerAgreements } from '../../../services/readiness/customerReadiness';
import { ReadyToTransact } from '../../../services/readiness/readyToTransact';
import { defaultRegionTable } from '../../../services/rules/regionTable';
import { FABRIKAM, partneredWithFabrikam } from '../../support/fixtures/customerHarness';
import { DEMO } from '../../support/fixtures/partnerships';
import { onEveryBackend } from '../../support/fixtures/serviceHarness';

onEveryBackend(
  'Ready to transact: one assessment for Teams and Slack, asked as the distributor (issue 15 item 6, API1)',
  (h) => {
    /**
     * The harness's Redis store is shared by every run and never flushed, so Fabrikam has partnered with
     * hundreds of earlier tests' distributors there; the reseller's own listing is narrowed to this test's
     * distributor, as a store holding only this test would list it (an assessment per distributor is ~40 ms).
     */
    const thisDistributorOnly = () =>
      Object.assign(Object.create(h().service) as ReturnType<typeof h>['service'], {
        listProviders: async (...args: Parameters<ReturnType<typeof h>['service']['listProviders']>) =>
          (await h().service.listProviders(...args)).filter((row) => row.partnership.providerId === h().providerId),
      });
    const readiness = () =>
      new ReadyToTransact({
        partners: h().partners,
        partnerships: thisDistributorOnly(),
        partnerCenter: h().partnerCenter,
        regions: defaultRegionTable,
      });
    const states = (conditions: Array<{ id: string; state: string }>) =>
      Object.fromEntries(conditions.map((c) => [c.id, c.state]));

    afterEach(async () => {
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
    });

    it('shows a partnered, verified, signed reseller ready, the same to the reseller and to its distributor (R1, M2, P3)', async () => {
      await partneredWithFabrikam(h());
      // On a shared store other tests' distributors may have partnered with Fabrikam too: one report each.
      const forReseller = (await readiness().forReseller(FABRIKAM)).find((r) => r.distributor?.id === h().providerId);
      if (!forReseller) throw new Error('no report for this distributor');
      const forDistributor = await readiness().forDistributor(h().providerId, FABRIKAM);
      expect(forReseller.ready, JSON.stringify(forReseller.conditions)).to.equal(true);
      expect(forDistributor.conditions).to.deep.equal(forReseller.conditions);
    });

    it('names the cause Partner Center gives when it refuses the reseller as partner of record (R1, R2)', async () => {
      await partneredWithFabrikam(h());
      await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
      const report = await readiness().forDistributor(h().providerId, FABRIKAM);
      expect(report.ready).to.equal(false);
      expect(report.conditions.find((c) => c.id === 'partner-of-record')).to.include({
        state: 'failed',
        detail: 'R2.compliance',
        source: 'partner-center',
      });
    });

    it('asks Partner Center only with the distributor’s credentials, never as the reseller (API1)', async () => {
      await partneredWithFabrikam(h());
      const as = sinon.spy(h().partnerCenter, 'as');
      try {
        await readiness().forReseller(FABRIKAM);
        const callers = new Set(as.getCalls().map((c) => c.args[0]));
        expect([...callers]).to.deep.equal([DEMO.provider.tenantId]);
      } finally {
        as.restore();
      }
    });

    it('tells a reseller with no distributor what to do first, without guessing Partner Center’s word (P5, E8, E5)', async () => {
      const [report] = await readiness().forReseller('0f0e0d0c-0000-4000-8000-00000000abcd');
      expect(report.distributor).to.equal(undefined);
      expect(states(report.conditions)).to.include({ enrolled: 'failed', partnership: 'failed', region: 'unknown' });
      expect(report.conditions.find((c) => c.id === 'partnership')?.fix).to.equal('find-distributor');
    });
  },
);

describe('Ready to transact: each customer’s Microsoft Customer Agreement as Partner Center holds it (MCA1)', () => {
  const customers = [
    { tenantId: 'c1', companyName: 'Piekarnia Kowalski', domain: 'piekarnia-kowalski.onmicrosoft.com' },
    { tenantId: 'c2', companyName: 'Sklep Nowak', domain: 'sklep-nowak.onmicrosoft.com' },
  ];
  const session = {
    listCustomers: async () => customers,
    listCustomerAgreements: async (id: string) =>
      id === 'c1'
        ? [
            {
              type: 'MicrosoftCustomerAgreement' as const,
              templateId: 't',
              dateAgreed: '2026-12-01',
              primaryContact: { firstName: 'Ewa', lastName: 'Lis', email: 'ewa@piekarnia.pl' },
            },
          ]
        : [],
  } as unknown as PartnerCenterSession;

  it('shows who accepted for a customer that has it, and no acceptance for one that has none (MCA1)', async () => {
    const found = await customerAgreements(session, 'r', undefined);
    expect(found?.total).to.equal(2);
    expect(found?.shown).to.deep.equal([
      {
        domain: customers[0].domain,
        companyName: 'Piekarnia Kowalski',
        state: 'met',
        signer: 'Ewa Lis',
        dateAgreed: '2026-12-01',
      },
      { domain: customers[1].domain, companyName: 'Sklep Nowak', state: 'failed' },
    ]);
  });

  it('finds a customer by the domain the reseller asked it under, which became its onmicrosoft.com domain (MCA1)', async () => {
    const found = await customerAgreements(session, 'r', 'piekarnia-kowalski.pl');
    expect(found?.shown.map((c) => c.companyName)).to.deep.equal(['Piekarnia Kowalski']);
    expect(found?.asked).to.deep.equal({ domain: 'piekarnia-kowalski.pl', found: true });
    expect((await customerAgreements(session, 'r', 'nikt.pl'))?.asked?.found).to.equal(false);
  });
});
