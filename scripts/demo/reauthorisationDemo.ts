import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { expectCard, expectVisible, sendMessage, shootChatPane } from '../playground/browser';
import { openRoad } from '../playground/openRoad';
import { FABRIKAM, waitForPost, walkTheRoad } from '../playground/road';
import { type PlaygroundSession, runPlaygroundSession } from '../playground/session';

/**
 * Issue 16 item 5 in the Microsoft 365 Agents Playground, from an empty store, offline:
 *
 *   npx tsx scripts/demo/reauthorisationDemo.ts [-- --locale pl-PL|sv-SE|en-US] [--out <dir>]
 *
 * Fabrikam IT (already enrolled, E7) partners with Contoso on the usual road (Slack set-up and invite,
 * Authorize in Teams and on the Partner Center page). The reseller types `reauthorisation` in its
 * language and reads its yearly review (A1); ticks MFA and saves. Then the assistant's clock moves to 60
 * days before the anniversary month and the countdown arrives in Teams and in the distributor's channel
 * (A2). Writes standing.png, saved.png, countdown.png (or failure.png) and the logs to --out.
 */

const TOTAL_MS = 240_000;
const DAY_MS = 86_400_000;
const VIEWPORT = { width: 1280, height: 1100 };

const { values } = parseArgs({
  options: { locale: { type: 'string', default: 'pl-PL' }, out: { type: 'string' } },
});
const locale = values.locale ?? 'pl-PL';
const outDir = resolve(values.out ?? `.playground/reauthorisation-${locale}`);

async function run(session: PlaygroundSession): Promise<void> {
  let now = new Date();
  const road = await openRoad(session, {
    clientLocale: locale,
    viewport: VIEWPORT,
    reseller: FABRIKAM,
    clock: () => now,
  });
  const { page, t, slackT } = road;
  await walkTheRoad(road);
  const confirmedOn = now;

  await sendMessage(page, t('reauthorisation:teams.words.reauthorisation'));
  const card = await expectCard(page, t('reauthorisation:card.title'), 20_000, 'the reauthorisation card');
  await shootChatPane(page, card, join(outDir, 'standing.png'), VIEWPORT);
  road.show('Teams', await card.innerText());

  await card.getByText(t('reauthorisation:item.mfa'), { exact: true }).last().click();
  await card.getByRole('button', { name: t('reauthorisation:card.save'), exact: true }).click();
  await expectVisible(page.getByText(t('reauthorisation:card.saved')).last(), 20_000, 'the saved answer');
  const again = await expectCard(page, t('reauthorisation:card.title'), 20_000, 'the card again');
  await shootChatPane(page, again, join(outDir, 'saved.png'), VIEWPORT);
  road.say('Teams: MFA ticked and saved; the card shows it as told by the reseller, with the date');

  const anniversary = new Date(Date.UTC(confirmedOn.getUTCFullYear() + 1, confirmedOn.getUTCMonth(), 1));
  now = new Date(anniversary.getTime() - 60 * DAY_MS + 12 * 3600_000);
  road.say(`the clock moves to ${now.toISOString().slice(0, 10)}, 60 days before the anniversary month`);
  const first = t('reauthorisation:countdown.reseller', { days: 60, anniversary: anniversary.toISOString() });
  const notice = page.getByText(first.slice(0, 40), { exact: false }).last();
  await expectVisible(notice, 30_000, 'the 60-day countdown in Teams');
  await shootChatPane(page, notice, join(outDir, 'countdown.png'), VIEWPORT);
  road.show('Teams', await notice.innerText());
  const posted = await waitForPost(
    road,
    (c) =>
      c.args.channel === road.channel &&
      String(c.args.text).includes(slackT('reauthorisation:fix.revenue-below.distributor', { short: 1000 })),
    'the 60-day countdown in the distributor channel',
  );
  road.show('#approvals', String(posted.args.text));
  road.say(`Slack: ${DEMO.provider.name}'s channel told what Fabrikam still lacks`);
}

runPlaygroundSession(
  {
    name: `reauthorisation ${locale}`,
    failure: 'REAUTHORISATION DEMO FAILED',
    done: `done: Fabrikam's yearly review and the 60-day countdown, in ${locale} (pictures and logs in ${outDir})`,
    totalMs: TOTAL_MS,
    logDir: outDir,
    workDirPrefix: 'csp-reauth-demo-',
    staleFiles: ['standing.png', 'saved.png', 'countdown.png', 'failure.png'],
  },
  run,
);
