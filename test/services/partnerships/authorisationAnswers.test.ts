import { expect } from 'chai';
import { consentGiven, enrolFirstAnswer } from '../../../services/partnerships/authorisationAnswers';
import { refuse } from '../../../services/rules/decision';
import { violation } from '../../../services/rules/codes';
import { codes } from '../rules/fixtures';

describe('authorising an invitation: the consent box (P3)', () => {
  const rows: Array<[string | boolean | undefined, boolean]> = [
    ['true', true],
    [true, true],
    ['false', false],
    [false, false],
    [undefined, false],
  ];
  for (const [box, given] of rows) {
    it(`takes a box sent as ${JSON.stringify(box)} as ${given ? 'consent' : 'no consent'} (P3)`, () => {
      expect(consentGiven(box)).to.equal(given);
    });
  }
});

describe('authorising an invitation: the enrol-first hint (P1)', () => {
  it('answers a not-enrolled reseller with the first P1 reason alone and the enrol-first advice (P1)', () => {
    const decision = refuse([
      violation('P6.different-region', { provider: 'PL', reseller: 'US' }),
      violation('P1.reseller-not-enrolled', { partnerId: 'r' }),
      violation('P1.reseller-no-partner-center-account', { partnerId: 'r' }),
    ]);
    const answer = enrolFirstAnswer(decision);
    expect(answer?.advice).to.equal('enrolFirst');
    expect(codes(answer!.reason)).to.deep.equal(['P1.reseller-not-enrolled']);
  });

  it('gives no enrol-first hint when P1 is not among the reasons (P1)', () => {
    expect(enrolFirstAnswer(refuse([violation('P6.different-region', {})]))).to.equal(undefined);
  });
});
