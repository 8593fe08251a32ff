import { translatorFor } from '../../i18n/i18n';
import { SlackApiStub } from '../../test/support/fakes/slackApiStub';
import { SlackDriver } from '../../test/support/drivers/slackDriver';
import { TEST_SIGNING_SECRET } from '../../test/support/drivers/slackRequests';
import { closeLogPanel } from './browser';
import { freePort } from './playground';
import { type ResellerOnTheRoad, type Road, TAILSPIN } from './road';
import type { PlaygroundSession } from './session';
import { writePlaygroundTenant } from './tenantConfig';

const TEAM = 'T0CONTOSO';
const REP = 'U0JAN';
const CHANNEL = 'C0APPROVALS';

/**
 * The rep's Slack locale, as Slack's users.info gives it: it decides the language the assistant speaks to
 * the rep in Slack (bot/slack/slackLanguage.ts), whatever the reseller's Teams client speaks (`--locale`).
 */
const REP_SLACK_LOCALE = 'en-US';

/**
 * Everything a walk in the Playground starts with, and nothing more: the assistant on its defaults
 * with an empty store (SQLite in the session's new directory, the Partner Center sandbox) and Slack
 * pointed at a local Web API stub that records every call and answers as Slack does; the Playground as
 * the reseller organisation's Teams, its client in `clientLocale` (undefined: the Playground's own
 * en-US), open in headless Chromium, as `reseller`'s organisation (default: the new reseller Tailspin Toys). The distributor rep (a workspace admin, in English) acts in Slack.
 */
export async function openRoad(
  session: PlaygroundSession,
  options: {
    clientLocale?: string;
    viewport: { width: number; height: number };
    reseller?: ResellerOnTheRoad;
    /** The time the assistant's features see, for a walk that moves days (the reauthorisation countdown). */
    clock?: () => Date;
  },
): Promise<Road> {
  const reseller = options.reseller ?? TAILSPIN;
  const slackApi = await new SlackApiStub().start();
  session.onCleanup(() => slackApi.stop());
  let ts = 0;
  slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `1700000000.${++ts}` }));
  slackApi.answer('users.info', (args) => ({
    user: {
      id: args.user,
      name: 'jan',
      real_name: 'Jan Wiśniewski',
      locale: REP_SLACK_LOCALE,
      is_admin: args.user === REP,
    },
  }));

  // A port known before start, so that the links the assistant hands out (the invitation, Partner
  // Center's page) point at it; verification and confirmations checked every half second, not every
  // few minutes, so the walk need not wait.
  const port = await freePort();
  const assistant = await session.startAssistant(
    {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PARTNER_CENTER_MODE: 'sandbox',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-demo-token',
      SLACK_API_URL: slackApi.url,
      OUTBOX_POLL_MS: '100',
      VERIFICATION_POLL_MS: '500',
      REAUTHORISATION_POLL_MS: '500',
    },
    options.clock,
  );
  session.say(`assistant on ${assistant.url}, empty store (SQLite in ${session.dataDir}), Partner Center sandbox`);

  writePlaygroundTenant(session.workDir, reseller.organisation);
  const playground = await session.startPlayground({ clientLocale: options.clientLocale });
  const page = await session.openPage(options.viewport);
  if (!(await closeLogPanel(page))) session.say('could not hide the Log Panel; it stays in the pictures');
  const locale = options.clientLocale ?? 'en-US';
  session.say(
    `Agents Playground on ${playground.url} as a ${locale} Teams client, Chromium ${session.browser?.version()}`,
  );

  return {
    session,
    page,
    t: translatorFor(locale),
    reseller,
    slackT: translatorFor(REP_SLACK_LOCALE),
    slack: new SlackDriver(assistant.url, slackApi, TEAM, CHANNEL),
    slackApi,
    team: TEAM,
    channel: CHANNEL,
    rep: REP,
    say: (message) => session.say(message),
    show: (who, text) => process.stdout.write(`${text.replace(/^/gm, `        ${who} │ `).replace(/\s+$/, '')}\n`),
  };
}
