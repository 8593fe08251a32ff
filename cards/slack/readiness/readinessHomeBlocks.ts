/**
 * The App Home's readiness section: each of the rep's resellers, ready to order or not, and for one that
 * is not, what blocks it in a line (the conditions `/csp ready` shows, in the same words), with Details for
 * the whole answer, a page at a time. Those not ready come first: they are the ones a rep acts on.
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
 * How many resellers a page of the App Home shows at most: one block each, within the 100 blocks of a Home
 * tab beside the pending requests (at most 43 blocks). An operator may show fewer
 * (SLACK_HOME_RESELLERS_PER_PAGE).
 */
export const HOME_RESELLERS_SHOWN = 15;

/** One page of the rep's resellers, as bot/features/readinessHome.ts cuts it. */
export interface ReadinessHomePage {
  /** The resellers on this page, in the order shown. */
  reports: ReadinessReport[];
  /** From 1, at most `pages`. */
  page: number;
  pages: number;
  /** How many resellers come before this page. */
  offset: number;
  /** All the rep's resellers, and how many of them are not ready to order. */
  total: number;
  notReady: number;
}

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

/** Previous and Next, each there when it leads somewhere; the value is the page it leads to. */
function pageButtons(t: Translate, page: ReadinessHomePage): KnownBlock | undefined {
  const plainT = plainTranslator(t);
  const button = (actionId: string, key: string, to: number) => ({
    type: 'button' as const,
    action_id: actionId,
    value: String(to),
    text: plain(plainT(key), 75),
  });
  const elements = [
    ...(page.page > 1 ? [button(READINESS_ACTION.previousPage, 'ready:home.previous', page.page - 1)] : []),
    ...(page.page < page.pages ? [button(READINESS_ACTION.nextPage, 'ready:home.next', page.page + 1)] : []),
  ];
  return elements.length > 0 ? { type: 'actions', block_id: 'readiness.home.pages', elements } : undefined;
}

/**
 * The section for one page of the rep's resellers (bot/features/readinessHome.ts decides which): how many
 * there are and how many are not ready, the page's rows as given, and Previous / Next when there are more.
 */
export function readinessHomeBlocks(slackT: Translate, page: ReadinessHomePage): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const blocks: KnownBlock[] = [{ type: 'divider' }, { type: 'header', text: plain(t('ready:home.title')) }];
  if (page.total === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('ready:home.none')) });
    return blocks;
  }
  const counts = { count: page.total, notReady: page.notReady };
  const summary = [t(page.notReady > 0 ? 'ready:home.summary' : 'ready:home.summaryAllReady', counts)];
  if (page.pages > 1) {
    const range = { from: page.offset + 1, to: page.offset + page.reports.length, total: page.total };
    summary.push(t('ready:home.page', { page: page.page, pages: page.pages, ...range }));
  }
  blocks.push({ type: 'context', elements: summary.map((text) => mrkdwn(text)) });
  for (const report of page.reports) blocks.push(resellerRow(t, report));
  const buttons = pageButtons(t, page);
  if (buttons) blocks.push(buttons);
  return blocks;
}
