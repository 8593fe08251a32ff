/**
 * The words of a readiness report (issue 15 item 6), for the reader who reads it: the reseller in Teams,
 * the distributor in Slack. Both views show the same conditions with the same source labels (API1);
 * only whose words the details and fixes are in differs (i18n/readers.ts).
 */
import type { Translate } from '../i18n/i18n';
import { keysFor, type Reader } from '../i18n/readers';
import type { CustomerReadiness, ReadinessReport } from '../services/readiness/readyToTransact';
import type { Condition } from '../services/rules/readinessRules';

export interface ConditionLines {
  id: string;
  state: Condition['state'];
  /** "Enrolled and verified as an indirect reseller (E5, M3, API1)" */
  title: string;
  stateLabel: string;
  /** "Partner Center says" / "You told us" */
  source: string;
  detail: string;
  /** Empty when nothing is to be done. */
  fix: string;
}

export const STATE_MARK: Record<Condition['state'], string> = {
  met: '✅',
  failed: '⛔',
  waiting: '⏳',
  unknown: '❔',
};

function conditionLines(t: Translate, reader: Reader, report: ReadinessReport, c: Condition): ConditionLines {
  const facts = { ...c.facts, distributor: report.distributor?.name ?? '' };
  // A refused partner of record says its cause in the rule's own words (R1, R2).
  const detail =
    c.id === 'partner-of-record' && c.state === 'failed'
      ? t(keysFor(`rules:violation.${c.detail}`, reader), facts)
      : t(keysFor(`ready:detail.${c.id}.${c.detail}`, reader), facts);
  const fixes = c.fix ? [t(keysFor(`ready:fix.${c.fix}`, reader), facts)] : [];
  // R2's second way forward: another, compliant reseller of record on the order.
  if (c.id === 'partner-of-record' && c.state === 'failed') {
    fixes.push(t(keysFor('rules:option.R2.name-another-reseller', reader)));
  }
  return {
    id: c.id,
    state: c.state,
    title: `${t(`ready:condition.${c.id}`)} (${c.rules.join(', ')})`,
    stateLabel: t(`ready:state.${c.state}`),
    source: t(keysFor(`ready:source.${c.source}`, reader)),
    detail,
    fix: fixes.join(' '),
  };
}

export interface ReadinessLines {
  title: string;
  verdict: string;
  sources: string;
  fixLabel: string;
  conditions: ConditionLines[];
  customersTitle: string;
  /** One line per customer shown, then what was left out or not found. */
  customers: Array<{ state: CustomerReadiness['state'] | 'info'; text: string }>;
  /** A1/A2: the yearly review and what is still missing for it; absent without an active partnership. */
  review?: { title: string; lines: string[]; missing: boolean };
}

/** The report's heading, for whoever reads it: the reseller's name, or its distributor's. */
export function readinessTitle(t: Translate, reader: Reader, report: ReadinessReport): string {
  if (reader === 'distributor') return t('ready:title.distributor', { reseller: report.reseller.name });
  return report.distributor
    ? t('ready:title.reseller', { distributor: report.distributor.name })
    : t('ready:title.noDistributor');
}

export function readinessLines(t: Translate, reader: Reader, report: ReadinessReport): ReadinessLines {
  const title = readinessTitle(t, reader, report);
  const met = report.conditions.filter((c) => c.state === 'met').length;
  return {
    title,
    verdict: report.ready
      ? t(keysFor('ready:verdict.ready', reader))
      : t('ready:verdict.notReady', { met, total: report.conditions.length }),
    sources: t(keysFor('ready:sources', reader)),
    fixLabel: t('ready:fixLabel'),
    conditions: report.conditions.map((c) => conditionLines(t, reader, report, c)),
    customersTitle: t('ready:customers.title'),
    customers: customerLines(t, reader, report),
    ...(report.review ? { review: reviewLines(t, reader, report.review) } : {}),
  };
}

function reviewLines(
  t: Translate,
  reader: Reader,
  review: NonNullable<ReadinessReport['review']>,
): NonNullable<ReadinessLines['review']> {
  const when =
    review.daysLeft > 0
      ? t('ready:review.next', { anniversary: review.anniversary, count: review.daysLeft })
      : t('ready:review.now', { anniversary: review.anniversary });
  const missing = review.missing.map((id) => `• ${t(`reauthorisation:item.${id}`)}`);
  const lines = [
    when,
    ...(review.firstReview ? [t('ready:review.first')] : []),
    ...(missing.length > 0 ? [t('ready:review.missing'), ...missing] : [t('ready:review.nothingMissing')]),
    t(keysFor('ready:review.more', reader), { word: t('reauthorisation:teams.words.reauthorisation') }),
  ];
  return { title: t('ready:review.title'), lines, missing: review.missing.length > 0 };
}

function customerLines(t: Translate, reader: Reader, report: ReadinessReport): ReadinessLines['customers'] {
  const distributor = report.distributor?.name ?? '';
  const list = report.customers;
  if (!report.distributor) return [{ state: 'info', text: t('ready:customers.newCustomer') }];
  if (!list) return [{ state: 'unknown', text: t('ready:customers.notListed') }];
  if (list.asked && !list.asked.found) {
    return [
      {
        state: 'info',
        text: t(keysFor('ready:customers.notFound', reader), { domain: list.asked.domain, distributor }),
      },
    ];
  }
  if (list.total === 0) return [{ state: 'info', text: t(keysFor('ready:customers.none', reader), { distributor }) }];
  const lines: ReadinessLines['customers'] = list.shown.map((c) => {
    const facts = { company: c.companyName, domain: c.domain, signer: c.signer ?? '', date: c.dateAgreed ?? '' };
    const key = c.state === 'failed' ? keysFor('ready:customers.failed', reader) : `ready:customers.${c.state}`;
    return { state: c.state, text: t(key, facts) };
  });
  // `ready <domain>` shows what matched; otherwise the first few, and how to reach the others.
  if (!list.asked && list.total > list.shown.length) {
    const hidden = list.total - list.shown.length;
    lines.push({ state: 'info', text: t(keysFor('ready:customers.more', reader), { hidden }) });
  }
  lines.push({ state: 'info', text: t('ready:customers.newCustomer') });
  return lines;
}
