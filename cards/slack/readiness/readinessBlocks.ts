/**
 * `/csp ready <reseller>` (issue 15 item 6): the distributor's view of one reseller, the same conditions
 * as the reseller's `ready` card in Teams, with the same source labels (API1), each fix addressed to
 * whoever can act ("the reseller must…", "you can…"); then the reseller's customers' agreement (MCA1).
 */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import type { ReadinessReport } from '../../../services/readiness/readyToTransact';
import { mrkdwnTranslator, plainTranslator } from '../../../i18n/slackMrkdwn';
import { readinessLines, readinessTitle, STATE_MARK } from '../../readinessLines';
import { blockKit } from '../blockKit';

const { plain, mrkdwn } = blockKit;

export function readinessBlocks(slackT: Translate, report: ReadinessReport): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const lines = readinessLines(t, 'distributor', report);
  const blocks: KnownBlock[] = [
    // A header is plain_text: the reseller's name as it is, not as the mrkdwn lines carry it.
    { type: 'header', text: plain(readinessTitle(plainTranslator(t), 'distributor', report)) },
    { type: 'section', text: mrkdwn(`*${lines.verdict}*`) },
    { type: 'context', elements: [mrkdwn(lines.sources)] },
  ];
  for (const c of lines.conditions) {
    const fix = c.fix ? `\n*${lines.fixLabel}:* ${c.fix}` : '';
    blocks.push({
      type: 'section',
      text: mrkdwn(`${STATE_MARK[c.state]} *${c.title}*\n_${c.stateLabel} · ${c.source}_\n${c.detail}${fix}`),
    });
  }
  blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(`*${lines.customersTitle}*`) });
  const customers = lines.customers.map((c) => `${c.state === 'info' ? 'ℹ️' : STATE_MARK[c.state]} ${c.text}`);
  blocks.push({ type: 'section', text: mrkdwn(customers.join('\n')) });
  if (lines.review) {
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: mrkdwn(`*${lines.review.title}*\n${lines.review.lines.join('\n')}`) },
    );
  }
  return blocks;
}
