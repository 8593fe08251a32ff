import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import type { ReadinessReport } from '../../services/readiness/readyToTransact';
import type { ConditionState } from '../../services/rules/readinessRules';
import { readinessLines } from '../readinessLines';
import { cardAttachment } from '../renderCard';

/**
 * The reseller's `ready` card (issue 15 item 6): each condition on an order with its state, whether
 * Partner Center said it or the reseller did (API1), and the fix in the reseller's words; then its
 * customers' Microsoft Customer Agreement (MCA1). Only rendering: services/readiness decides.
 */
type Color = 'Default' | 'Good' | 'Warning' | 'Attention';

export interface ReadyCardData {
  title: string;
  verdict: string;
  verdictColor: Color;
  sources: string;
  fixLabel: string;
  conditions: Array<{
    title: string;
    stateLabel: string;
    stateColor: Color;
    source: string;
    detail: string;
    fix: string;
  }>;
  customersTitle: string;
  customers: Array<{ text: string; color: Color }>;
  /** A1/A2: empty title when there is no yearly review to show (no active partnership). */
  reviewTitle: string;
  review: Array<{ text: string }>;
  reviewColor: Color;
}

/** The state in words and in the host's colours: no emoji, which not every Teams client draws. */
const COLOR: Record<ConditionState | 'info', Color> = {
  met: 'Good',
  failed: 'Attention',
  waiting: 'Warning',
  unknown: 'Default',
  info: 'Default',
};

export function readyCard(t: Translate, report: ReadinessReport): Attachment {
  const lines = readinessLines(t, 'reseller', report);
  const data: ReadyCardData = {
    title: lines.title,
    verdict: lines.verdict,
    verdictColor: report.ready ? 'Good' : 'Default',
    sources: lines.sources,
    fixLabel: lines.fixLabel,
    conditions: lines.conditions.map(({ state, title, stateLabel, source, detail, fix }) => ({
      title,
      stateLabel,
      stateColor: COLOR[state],
      source,
      detail,
      fix,
    })),
    customersTitle: lines.customersTitle,
    customers: lines.customers.map((c) => ({ text: c.text, color: COLOR[c.state] })),
    reviewTitle: lines.review?.title ?? '',
    review: (lines.review?.lines ?? []).map((text) => ({ text })),
    reviewColor: lines.review?.missing ? 'Warning' : 'Default',
  };
  return cardAttachment('ready', data);
}
