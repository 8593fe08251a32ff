import { expect } from 'chai';
import { statusCard } from '../../cards/teams/statusCard';
import { translatorFor } from '../../i18n/i18n';
import type { VerificationReport } from '../../services/enrolment/verificationStatus';

type Enrolled = Extract<VerificationReport, { enrolled: true }>;

const report = (over: Partial<Enrolled> = {}): Enrolled => ({
  enrolled: true,
  companyName: 'Tailspin Toys sp. z o.o.',
  partnerCenter: {
    partnerId: { mpnId: '6789012', valid: false, authorised: false, errorCode: 900400 },
    mpaSigned: false,
    partnered: false,
  },
  reported: {
    steps: [{ step: 'mpa', at: '2026-12-01T10:00:00.000Z', name: 'Anna Nowak' }],
    submittedAt: '2026-12-01T10:00:00.000Z',
    expectedBetween: { from: '2026-12-04T10:00:00.000Z', to: '2026-12-08T10:00:00.000Z' },
    mpaSigned: true,
  },
  vettingStatus: 'Pending',
  vettingSubStatus: 'EmailOwnership',
  vettingSource: 'notice',
  advice: 'confirm-email',
  mpaSigned: false,
  blockedBy: [],
  ...over,
});

/** The card's facts (what Partner Center says) and its "you told us" lines, as the reader sees them. */
function sections(card: ReturnType<typeof statusCard>) {
  const body = (card.content as { body: Array<{ type: string; text?: string; facts?: Array<{ value: string }> }> })
    .body;
  const facts = body.find((b) => b.type === 'FactSet')?.facts?.map((f) => f.value) ?? [];
  return { facts, text: JSON.stringify(body) };
}

describe('status card: what Partner Center says, apart from what the reseller told us (API1, E5)', () => {
  for (const locale of ['en', 'pl', 'sv']) {
    const t = translatorFor(locale);

    it(`${locale}: shows a ticked MPA only as reported, while Partner Center's fact says not signed (API1, M4)`, () => {
      const { facts, text } = sections(statusCard(t, report()));
      expect(facts).to.include(t('enrolment:status.mpa.unsigned'));
      expect(facts.join(' ')).to.not.include(t('enrolment:status.reported.mpa'));
      expect(text)
        .to.include(t('enrolment:status.partnerCenter.title'))
        .and.include(t('enrolment:status.reported.title'));
      expect(text).to.include(t('enrolment:status.reported.mpa'));
    });

    it(`${locale}: never shows a vetting step among Partner Center's facts, only as the latest notice (API1)`, () => {
      const { facts, text } = sections(statusCard(t, report()));
      expect(facts).to.not.include(t('enrolment:status.vetting.Pending'));
      expect(facts).to.include(t('enrolment:status.notYet'));
      expect(text).to.include(t('enrolment:status.vetting.Pending'));
    });

    it(`${locale}: says when Microsoft's answer is usually due, from E5's timings and the submission (E5)`, () => {
      const { text } = sections(statusCard(t, report()));
      const expected = t('enrolment:status.expectedBetween', { ...report().reported.expectedBetween });
      expect(text).to.include(JSON.stringify(expected).slice(1, -1));
    });
  }

  it('says verified under Partner Center once it says the PartnerID is authorised (API1, R1)', () => {
    const t = translatorFor('en');
    const verified = report({
      partnerCenter: {
        partnerId: { mpnId: '6789012', valid: true, authorised: true },
        mpaSigned: true,
        partnered: true,
      },
      vettingStatus: 'Authorized',
      vettingSubStatus: 'None',
      vettingSource: 'partner-center',
    });
    const { facts } = sections(statusCard(t, verified));
    expect(facts).to.include('Verified: your account is ready').and.include('verification done');
  });
});
