import { expect } from 'chai';
import type { PartnerStatus } from '../../../services/domain/partner';
import {
  checkResellerAtPartnerCenter,
  isEnrolledIndirectReseller,
  type PartnerCenterWord,
  settledStatus,
  statusWithPartnerCenterWord,
} from '../../../services/rules';
import { provider } from './fixtures';

const status = (overrides: Partial<PartnerStatus>): PartnerStatus => ({
  enrolment: 'not-started',
  verification: 'None',
  mpaSigned: false,
  onboardedInPartnerCenter: false,
  ...overrides,
});

describe('one truth about a reseller: enrolled, and what Partner Center says (P1, P6, M2, M5, E5, E7)', () => {
  const enrolled: Array<[string, Partial<PartnerStatus>, boolean]> = [
    [
      'a reseller that submitted here and is verified (P1, E5)',
      { enrolment: 'submitted', verification: 'Authorized' },
      true,
    ],
    [
      'a reseller that submitted here, verification pending (E5)',
      { enrolment: 'submitted', verification: 'Pending' },
      false,
    ],
    ['a reseller still filling the checklist (E2)', { enrolment: 'in-progress' }, false],
    ['a reseller that only told us it is in CSP (E7)', { enrolment: 'in-progress', cspEnrolled: true }, false],
    ['a record that says enrolled (P1)', { enrolment: 'enrolled' }, true],
  ];
  for (const [name, given, expected] of enrolled) {
    it(`${expected ? 'counts' : 'does not count'} ${name} as enrolled`, () => {
      expect(isEnrolledIndirectReseller(status(given))).to.equal(expected);
    });
  }

  it('records a verified enrolment as enrolled, and leaves a pending one as submitted (E5)', () => {
    expect(settledStatus(status({ enrolment: 'submitted', verification: 'Authorized' })).enrolment).to.equal(
      'enrolled',
    );
    expect(settledStatus(status({ enrolment: 'submitted', verification: 'Pending' })).enrolment).to.equal('submitted');
  });

  it('takes an already-enrolled reseller as enrolled once Partner Center knows its indirect reseller account (E7, P1, M2)', () => {
    const next = statusWithPartnerCenterWord(status({ enrolment: 'in-progress', cspEnrolled: true }), {
      kind: 'indirect-reseller',
      mpaSigned: true,
    });
    expect(next).to.include({
      enrolment: 'enrolled',
      onboardedInPartnerCenter: true,
      accountType: 'partner-center',
      mpaSigned: true,
    });
  });

  it('does not call a reseller in verification enrolled because Partner Center has its account (E5)', () => {
    const next = statusWithPartnerCenterWord(status({ enrolment: 'submitted', verification: 'Pending' }), {
      kind: 'indirect-reseller',
      mpaSigned: false,
    });
    expect(next.enrolment).to.equal('submitted');
  });

  it('changes nothing on a refusal from Partner Center', () => {
    const before = status({ enrolment: 'in-progress', cspEnrolled: true });
    expect(statusWithPartnerCenterWord(before, { kind: 'not-indirect-reseller' })).to.deep.equal(before);
  });

  const words: Array<[string, PartnerCenterWord, string[]]> = [
    ['lets an indirect reseller with the MPA signed partner', { kind: 'indirect-reseller', mpaSigned: true }, []],
    [
      'lets an indirect reseller without the MPA partner: the MPA blocks transacting, not partnering (2203, M2)',
      { kind: 'indirect-reseller', mpaSigned: false },
      [],
    ],
    [
      'refuses a PartnerID not in Partner Center (2200, M5)',
      { kind: 'not-in-partner-center' },
      ['M5.not-enrolled-in-csp'],
    ],
    [
      'refuses a PartnerID that is not an indirect reseller account (2204, P1)',
      { kind: 'not-indirect-reseller' },
      ['P1.not-indirect-reseller-account'],
    ],
    [
      'refuses a reseller in another region, naming it (2201, P6)',
      { kind: 'other-region', country: 'BR' },
      ['P6.different-region'],
    ],
    [
      'refuses a reseller Partner Center places in another region even when its country is unknown (2201, P6)',
      { kind: 'other-region' },
      ['P6.unknown-country'],
    ],
  ];
  for (const [name, word, expected] of words) {
    it(name, () => {
      const decision = checkResellerAtPartnerCenter(provider(), { id: 'res-x', mpnId: '2345678' }, word);
      expect(decision.violations.map((v) => v.code)).to.deep.equal(expected);
      expect(decision.allowed).to.equal(expected.length === 0);
    });
  }
});
