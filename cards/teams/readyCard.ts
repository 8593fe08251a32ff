import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import type { ReadinessReport } from '../../services/readiness/readyToTransact';
import { readinessLines, STATE_MARK } from '../readinessLines';
import { cardAttachment } from '../renderCard';

/**
 * The reseller's `ready` card (issue 15 item 6): each condition on an order with its state, whether
 * Partner Center said it or the reseller did (API1), and the fix in the reseller's words; then its
 * customers' Microsoft Customer Agreement (MCA1). Only rendering: services/readiness decides.
 */
export interface ReadyCardData {
  title: string;
  verdict: string;
  verdictColor: 'Good' | 'Warning';
  sources: string;
  fixLabel: string;
  conditions: Array<{ mark: string; title: string; stateLabel: string; source: string; detail: string; fix: string }>;
  customersTitle: string;
  customers: Array<{ mark: string; text: string }>;
}

const INFO_MARK = 'ℹ️';

export function readyCard(t: Translate, report: ReadinessReport): Attachment {
  const lines = readinessLines(t, 'reseller', report);
  const data: ReadyCardData = {
    title: lines.title,
    verdict: lines.verdict,
    verdictColor: report.ready ? 'Good' : 'Warning',
    sources: lines.sources,
    fixLabel: lines.fixLabel,
    conditions: lines.conditions.map(({ state, title, stateLabel, source, detail, fix }) => ({
      mark: STATE_MARK[state],
      title,
      stateLabel,
      source,
      detail,
      fix,
    })),
    customersTitle: lines.customersTitle,
    customers: lines.customers.map((c) => ({
      mark: c.state === 'info' ? INFO_MARK : STATE_MARK[c.state],
      text: c.text,
    })),
  };
  return cardAttachment('ready', data);
}
