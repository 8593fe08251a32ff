/**
 * The App Home's readiness section: each of the rep's resellers, ready to order or not, and for one that
 * is not, what blocks it in a line (the conditions `/csp ready` shows, in the same words), with Details for
 * the whole answer. Those not ready come first: they are the ones a rep acts on.
 */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import { mrkdwnTranslator, plainTranslator } from '../../../i18n/slackMrkdwn';
import type { ReadinessReport } from '../../../services/readiness/readyToTransact';
import type { ConditionState } from '../../../services/rules/readinessRules';
import { type ConditionLines, readinessLines, STATE_MARK } from '../../readinessLines';
import { blockKit } from '../blockKit';
import { READINESS_ACTION } from './ids';

const { plain, mrkdwn } = blockKit;

/**
 * How many resellers the App Home assesses and shows: one block each, within the 100 blocks of a Home tab
 * beside the pending requests (at most 43 blocks), and a few Partner Center reads each.
 */
export const HOME_RESELLERS_SHOWN = 15;

/** Someone must act first, then Microsoft is awaited, then Partner Center could not be asked. */
const BLOCKING_ORDER: ConditionState[] = ['failed', 'waiting', 'unknown'];

/** The conditions that block, the one to see to first at their head. */
const blocking = (conditions: ConditionLines[]) =>
  BLOCKING_ORDER.flatMap((state) => conditions.filter((c) => c.state === state));

/** The condition that blocks first, in a line: its title, and the fix (or its state when there is none). */
function blockingLine(t: Translate, [first, ...others]: ConditionLines[]): string {
  const more = others.length > 0 ? ` (${t('ready:home.andMore', { count: others.length })})` : '';
  return `${first.title}: ${first.fix || first.stateLabel}${more}`;
}

/** The reseller's row: marked as its verdict (✅) or as what blocks it first (⛔ someone must act, ⏳ Microsoft, ❔ not known). */
function resellerRow(t: Translate, report: ReadinessReport): KnownBlock {
  const name = report.reseller.name;
  const blockers = blocking(readinessLines(t, 'distributor', report).conditions);
  const met = report.conditions.filter((c) => c.state === 'met').length;
  const text =
    report.ready || blockers.length === 0
      ? `${STATE_MARK.met} ${t('ready:home.ready', { name })}`
      : `${STATE_MARK[blockers[0].state]} ${t('ready:home.notReady', { name, met, total: report.conditions.length })}\n${blockingLine(t, blockers)}`;
  return {
    type: 'section',
    text: mrkdwn(text),
    accessory: {
      type: 'button',
      action_id: READINESS_ACTION.reseller,
      value: report.reseller.tenantId,
      text: plain(plainTranslator(t)('ready:home.details'), 75),
    },
  };
}

/**
 * The section: `reports` are the resellers assessed (at most HOME_RESELLERS_SHOWN), `total` how many the
 * rep has; those left out are counted, with the commands that reach them.
 */
export function readinessHomeBlocks(
  slackT: Translate,
  reports: ReadinessReport[],
  total = reports.length,
): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const blocks: KnownBlock[] = [{ type: 'divider' }, { type: 'header', text: plain(t('ready:home.title')) }];
  if (reports.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('ready:home.none')) });
    return blocks;
  }
  const shown = reports.slice(0, HOME_RESELLERS_SHOWN);
  const ready = shown.filter((r) => r.ready).length;
  blocks.push({
    type: 'context',
    elements: [mrkdwn(t('ready:home.summary', { ready, shown: shown.length }))],
  });
  // Not ready first, each group in the order given (stable: the rep finds a reseller where it was).
  for (const report of [...shown.filter((r) => !r.ready), ...shown.filter((r) => r.ready)]) {
    blocks.push(resellerRow(t, report));
  }
  if (total > shown.length) {
    blocks.push({ type: 'context', elements: [mrkdwn(t('ready:home.more', { hidden: total - shown.length }))] });
  }
  return blocks;
}
