import { join } from 'node:path';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { expectCard, expectVisible, sendMessage, shootChatPane } from './browser';
import { operator, type Road } from './road';

/**
 * `ready` on the road (issue 15 item 6): the reseller types it in its own language while Partner Center
 * refuses it as partner of record (the operator's `por <tenant> compliance`), and sees the failed
 * condition with its source and the fix; then once the operator clears it (and, after the first
 * customer, that customer's agreement as Partner Center holds it). A picture of each card. The rep sees
 * the same in Slack: `/csp ready`, and the reseller's row in the App Home.
 */
export async function readyAtAGlance(
  road: Road,
  outDir: string,
  moment: 'refused' | 'ready',
  viewport: { width: number; height: number },
): Promise<void> {
  const { page, t } = road;
  if (moment === 'refused') await operator(road, 'por', road.reseller.tenantId, 'compliance');
  await sendMessage(page, t('ready:words.ready'));
  const verdict =
    moment === 'refused' ? t('ready:verdict.notReady', { met: 5, total: 6 }) : t('ready:verdict.ready.reseller');
  const card = await expectCard(page, verdict, 20_000, `the ready card (${moment})`);
  await expectVisible(
    card.getByText(t('ready:title.reseller', { distributor: DEMO.provider.name }), { exact: true }).first(),
    5_000,
    'the ready card’s title',
  );
  if (moment === 'refused') {
    const fix = t('ready:fix.R2.compliance.reseller');
    await expectVisible(card.getByText(fix, { exact: false }).first(), 5_000, 'the fix for the compliance hold');
    await shootChatPane(page, card, join(outDir, 'ready.png'), viewport);
    road.say(`Teams: "${t('ready:words.ready')}" → "${verdict}"; partner of record (R2): "${fix}"`);
    // The distributor's side of the same conditions, in the rep's language, each fix addressed to who can act.
    const view = await road.slack.slashAnswer(`ready ${road.reseller.name}`, road.rep);
    const slackFix = road.slackT('ready:fix.R2.compliance.distributor');
    if (!view.includes(JSON.stringify(slackFix).slice(1, -1))) throw new Error(`/csp ready lacks the fix: ${view}`);
    road.say(`Slack: /csp ready ${road.reseller.name} → the same conditions; the fix for the rep: "${slackFix}"`);
    road.say(`Slack App Home: ${await homeRow(road, slackFix)}`);
    await operator(road, 'por', road.reseller.tenantId, 'clear');
    return;
  }
  const source = t('ready:source.partner-center');
  await expectVisible(card.getByText(source, { exact: false }).first(), 5_000, `"${source}" on the ready card`);
  await shootChatPane(page, card, join(outDir, 'ready-met.png'), viewport);
  road.say(`Teams: "${t('ready:words.ready')}" → "${verdict}"`);
  road.say(`Slack App Home: ${await homeRow(road, road.slackT('ready:home.ready', { name: road.reseller.name }))}`);
}

/** The rep opens the App Home (app_home_opened): the reseller's readiness row, which must show `expected`. */
async function homeRow(road: Road, expected: string): Promise<string> {
  const view = await road.slack.openHome(road.rep);
  const blocks = (view.blocks ?? []) as Array<{ text?: { text?: string }; accessory?: { value?: string } }>;
  const row = blocks.find((b) => b.accessory?.value === road.reseller.tenantId)?.text?.text ?? '';
  if (!row.includes(expected)) throw new Error(`the App Home's row lacks "${expected}": ${JSON.stringify(view)}`);
  return row.replace(/\n/g, ' / ');
}
