import { expect } from 'chai';
import { expectedVerificationWindow } from '../../../services/enrolment/verificationTimings';

describe("verification timings: E5's official 3 to 5 business days, counted from the submission", () => {
  const table: Array<[string, string, string, string]> = [
    ['a Monday', '2026-11-30T09:00:00.000Z', '2026-12-03', '2026-12-07'],
    ['a Thursday, over a weekend', '2026-12-03T09:00:00.000Z', '2026-12-08', '2026-12-10'],
    ['a Saturday', '2026-12-05T09:00:00.000Z', '2026-12-09', '2026-12-11'],
  ];
  for (const [when, submittedAt, from, to] of table) {
    it(`expects Microsoft's answer for a submission on ${when} between business days 3 and 5 (E5)`, () => {
      const window = expectedVerificationWindow(submittedAt);
      expect([window?.from.slice(0, 10), window?.to.slice(0, 10)]).to.deep.equal([from, to]);
    });
  }

  it('expects nothing from a submission time it cannot read', () => {
    expect(expectedVerificationWindow('not a date')).to.equal(undefined);
  });
});
