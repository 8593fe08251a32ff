import { expect } from 'chai';
import { porValidation, POR_CAUSES } from '../../../services/partnerCenter/partnerOfRecordCauses';
import { partnerOfRecordDecision } from '../../../services/rules/partnerOfRecordRules';

describe('partner of record (R1, R2)', () => {
  it('allows a PartnerID Partner Center validates as partner of record (R1)', () => {
    expect(partnerOfRecordDecision('2345678', porValidation('2345678', undefined)).allowed).to.equal(true);
  });

  const table: Array<[(typeof POR_CAUSES)[number], string]> = [
    ['suspended', 'R2.reseller-suspended'],
    ['region-mismatch', 'R2.region-mismatch'],
    ['pla-inactive', 'R2.pla-id-inactive'],
    ['mpa-not-signed', 'R2.mpa-not-signed'],
    ['compliance', 'R2.compliance'],
  ];
  for (const [cause, code] of table) {
    it(`names the cause ${cause} from Partner Center's description, with both ways forward (R2)`, () => {
      const decision = partnerOfRecordDecision('2345678', porValidation('2345678', cause));
      expect(decision.violations.map((v) => v.code)).to.deep.equal([code]);
      expect(decision.violations[0].facts).to.include({ partnerId: '2345678', errorCode: '900400' });
      expect(decision.options.map((o) => o.code)).to.deep.equal(['R2.fix-cause', 'R2.name-another-reseller']);
    });
  }

  it('refuses with Partner Center’s own words when no cause matches, or when it gave no answer for the id (R1)', () => {
    const odd = partnerOfRecordDecision('2345678', {
      partnerId: '2345678',
      isValidPartnerIdOnRecord: false,
      errorCode: 900400,
      errorDescription: 'Something new.',
    });
    expect(odd.violations[0]).to.deep.include({ code: 'R1.not-partner-of-record' });
    expect(odd.violations[0].facts.errorDescription).to.equal('Something new.');
    expect(partnerOfRecordDecision('2345678', undefined).allowed).to.equal(false);
  });
});
