import { expect } from 'chai';
import {
  countdownThreshold,
  daysUntil,
  nextAnniversary,
  reauthorisationStandingOf,
  revenueItem,
} from '../../../services/rules/reauthorisationRules';

const at = (iso: string) => new Date(iso);

describe('Reauthorisation rules: the anniversary month, the countdown, the items (A1, A2)', () => {
  const anniversaries: Array<[string, string, string, string, boolean]> = [
    [
      'the first review is the first anniversary month, after 12 months exempt (A1)',
      '2026-03-15T10:00:00Z',
      '2026-06-01T00:00:00Z',
      '2027-03-01',
      true,
    ],
    [
      'still the first one a day before it starts (A1)',
      '2026-03-15T10:00:00Z',
      '2027-02-28T23:00:00Z',
      '2027-03-01',
      true,
    ],
    [
      'the anniversary month under way is still the review (A1)',
      '2026-03-15T10:00:00Z',
      '2027-03-31T12:00:00Z',
      '2027-03-01',
      true,
    ],
    [
      'once the month is over, the next year’s (A1)',
      '2026-03-15T10:00:00Z',
      '2027-04-01T00:00:00Z',
      '2028-03-01',
      false,
    ],
    ['years later, the coming one (A1)', '2020-11-02T00:00:00Z', '2026-12-03T09:00:00Z', '2027-11-01', false],
    [
      'a December onboarding reviews in December (A1)',
      '2025-12-20T00:00:00Z',
      '2026-12-03T09:00:00Z',
      '2026-12-01',
      true,
    ],
  ];
  for (const [what, onboarded, now, expected, first] of anniversaries) {
    it(what, () => {
      const { start, firstReview } = nextAnniversary(at(onboarded), at(now));
      expect(start.toISOString().slice(0, 10)).to.equal(expected);
      expect(firstReview).to.equal(first);
    });
  }

  it('counts whole days from the start of today, whatever the hour (A2)', () => {
    expect(daysUntil(at('2027-03-01T00:00:00Z'), at('2026-12-01T23:59:00Z'))).to.equal(90);
    expect(daysUntil(at('2027-03-01T00:00:00Z'), at('2026-12-01T00:01:00Z'))).to.equal(90);
  });

  const thresholds: Array<[number, number | undefined]> = [
    [120, undefined],
    [91, undefined],
    [90, 90],
    [61, 90],
    [60, 60],
    [31, 60],
    [30, 30],
    [1, 30],
    [0, undefined],
    [-5, undefined],
  ];
  for (const [days, expected] of thresholds) {
    it(`with ${days} days left, ${expected ? `the ${expected}-day notice is due` : 'no notice is due'} (A2)`, () => {
      expect(countdownThreshold(days)).to.equal(expected);
    });
  }

  it('meets the revenue at USD 1,000 and not a cent below; unknown revenue is missing with its own fix (A1)', () => {
    expect(revenueItem({ usd: 1000, source: 'partner-center' }).met).to.equal(true);
    expect(revenueItem({ usd: 999.99, source: 'operator-imported' })).to.include({ met: false, fix: 'revenue-below' });
    expect(revenueItem(undefined)).to.include({ met: false, fix: 'revenue-unknown' });
  });

  it('shows a reported item as the reseller told us, with the date, never as Partner Center’s word (A1, API1)', () => {
    const standing = reauthorisationStandingOf(
      {
        onboardedAt: '2026-03-15T10:00:00Z',
        revenue: { usd: 5000, source: 'partner-center' },
        reported: { mfa: { at: '2026-12-01T08:00:00Z' } },
      },
      at('2026-12-20T00:00:00Z'),
    );
    expect(standing.items.find((i) => i.id === 'mfa')).to.include({
      met: true,
      source: 'reseller-told',
      at: '2026-12-01T08:00:00Z',
    });
    expect(standing.items.find((i) => i.id === 'revenue')).to.include({ met: true, source: 'partner-center' });
    expect(standing.missing).to.deep.equal(['security-contact', 'endorsement']);
    expect(standing.countdown).to.equal(90);
  });

  it('sends no countdown when nothing is missing, as Microsoft writes only to those below (A2)', () => {
    const all = { at: '2026-12-01T08:00:00Z' };
    const standing = reauthorisationStandingOf(
      {
        onboardedAt: '2026-03-15T10:00:00Z',
        revenue: { usd: 1200, source: 'operator-imported' },
        reported: { mfa: all, 'security-contact': all, endorsement: all },
      },
      at('2027-01-15T00:00:00Z'),
    );
    expect(standing.missing).to.deep.equal([]);
    expect(standing.countdown).to.equal(undefined);
  });
});
