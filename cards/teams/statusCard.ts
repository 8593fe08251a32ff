import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { keysFor } from '../../i18n/readers';
import { utcDay } from '../../i18n/format';
import type { VerificationReport } from '../../services/enrolment/verificationStatus';
import { cardAttachment } from '../renderCard';

/**
 * The reseller's `status` card (E5, M2, M3). Two kinds of fact, each under its own heading and never
 * mixed (API1): what Partner Center says, asked with the distributor's credentials (verification as an
 * authorised PartnerID, partner of record, MPA, partnership), and what the reseller told us (the steps
 * it reported and when, with E5's official timings as what to expect).
 */
export interface StatusCardData {
  title: string;
  partnerCenterTitle: string;
  partnerCenterSource: string;
  facts: Array<{ title: string; value: string }>;
  reportedTitle: string;
  reported: string[];
  expect: string;
  meaning: string;
  nowTitle: string;
  now: string[];
  blocked: string[];
}

type EnrolledReport = Extract<VerificationReport, { enrolled: true }>;

export function statusCard(t: Translate, report: EnrolledReport): Attachment {
  const data: StatusCardData = {
    title: t('enrolment:status.title', { company: report.companyName }),
    partnerCenterTitle: t('enrolment:status.partnerCenter.title'),
    partnerCenterSource: t('enrolment:status.partnerCenter.source'),
    facts: partnerCenterFacts(t, report),
    reportedTitle: t('enrolment:status.reported.title'),
    reported: reportedLines(t, report),
    expect: report.vettingStatus === 'Authorized' ? '' : expectation(t, report),
    // A verification step is only ever known from a notice (the webhook), never read from Partner Center (API1).
    meaning:
      report.vettingSource === 'notice'
        ? t('enrolment:status.notice', {
            state: t(`enrolment:status.vetting.${report.vettingStatus}`),
            meaning: t(`enrolment:status.sub.${report.vettingSubStatus}`),
          })
        : '',
    nowTitle: t('enrolment:status.nowTitle'),
    now: t(`enrolment:status.advice.${report.advice}`, {
      returnObjects: true,
      email: report.primaryContactEmail ?? t('enrolment:status.yourPrimaryContact'),
    }) as string[],
    // The reseller reads its own status: each reason in the words addressed to it.
    blocked: report.blockedBy.map((v) => t(keysFor(`rules:violation.${v.code}`, 'reseller'), v.facts)),
  };
  return cardAttachment('status', data);
}

/** Only what Partner Center answered; "not known" where it could not be asked, never a reported fact. */
function partnerCenterFacts(t: Translate, report: EnrolledReport): StatusCardData['facts'] {
  const { partnerId, mpaSigned, partnered } = report.partnerCenter;
  const known = <T>(value: T | undefined, say: (v: T) => string) =>
    value === undefined ? t('enrolment:status.unknown') : say(value);
  const verified = report.vettingSource === 'partner-center';
  return [
    {
      title: t('enrolment:status.fact.state'),
      value: verified ? t('enrolment:status.vetting.Authorized') : known(partnerId, () => t('enrolment:status.notYet')),
    },
    // Once verified there is no step left, which is not "not started".
    ...(verified ? [{ title: t('enrolment:status.fact.step'), value: t('enrolment:status.stepDone') }] : []),
    {
      title: t('enrolment:status.fact.partnerId'),
      value: known(partnerId, (p) =>
        p.valid
          ? t('enrolment:status.partnerId.valid', { mpnId: p.mpnId })
          : t('enrolment:status.partnerId.invalid', { mpnId: p.mpnId, code: p.errorCode ?? '' }),
      ),
    },
    {
      title: t('enrolment:status.fact.mpa'),
      value: known(mpaSigned, (s) => t(s ? 'enrolment:status.mpa.signed' : 'enrolment:status.mpa.unsigned')),
    },
    {
      title: t('enrolment:status.fact.partnership'),
      value: known(partnered, (p) =>
        t(p ? 'enrolment:status.partnership.active' : 'enrolment:status.partnership.none'),
      ),
    },
  ];
}

function reportedLines(t: Translate, report: EnrolledReport): string[] {
  const { steps, submittedAt, mpaSigned } = report.reported;
  const lines = steps.map((s) =>
    t('enrolment:progress.answeredBy', {
      step: t(`enrolment:choice.${s.step}`),
      name: s.name ?? t('enrolment:progress.someone'),
      date: utcDay(s.at),
    }),
  );
  if (mpaSigned && report.mpaSigned !== true) lines.push(t('enrolment:status.reported.mpa'));
  if (submittedAt) lines.push(t('enrolment:status.reported.submitted', { date: submittedAt }));
  if (lines.length === 0) lines.push(t('enrolment:status.reported.nothing'));
  return lines;
}

/** E5's official timing, and when that puts Microsoft's answer for this reseller's submission. */
function expectation(t: Translate, report: EnrolledReport): string {
  const window = report.reported.expectedBetween;
  const duration = t('enrolment:status.duration');
  return window ? `${duration} ${t('enrolment:status.expectedBetween', { ...window })}` : duration;
}
