import { expect } from 'chai';
import { parseRevenueCsv } from '../../../services/reauthorisation/revenueImport';

describe('Revenue import for operators of the real API: the CSV (A1)', () => {
  it('reads a tenant id or a PartnerID, USD and the period’s last day, skipping the header and comments (A1)', () => {
    const { lines, problems } = parseRevenueCsv(
      [
        'reseller,usd,periodEnd',
        '# from the November export',
        '22222222-2222-4222-8222-222222222222,1250.50,2026-11-30',
        '0001234567;800;2026-11-30',
      ].join('\n'),
    );
    expect(problems).to.deep.equal([]);
    expect(lines).to.deep.equal([
      {
        line: 3,
        reseller: { tenantId: '22222222-2222-4222-8222-222222222222' },
        usd: 1250.5,
        periodStart: '2025-12-01',
        periodEnd: '2026-11-30',
      },
      { line: 4, reseller: { partnerId: '1234567' }, usd: 800, periodStart: '2025-12-01', periodEnd: '2026-11-30' },
    ]);
  });

  it('names every bad line and what is wrong with it, so nothing is half-imported (A1)', () => {
    const { problems } = parseRevenueCsv(
      ['not-a-reseller,100,2026-11-30', '1234567,-5,2026-11-30', '1234567,100,30.11.2026', '1234567,100'].join('\n'),
    );
    expect(problems.map((p) => [p.line, p.problem])).to.deep.equal([
      [1, 'reseller'],
      [2, 'usd'],
      [3, 'period'],
      [4, 'columns'],
    ]);
  });
});
