import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locator } from 'playwright-core';
import type { Assistant } from '../bot/assistant';
import { translatorFor } from '../i18n/i18n';
import { SANDBOX_OFFERS } from '../services/partnerCenter/offerCatalogue';
import { contosoSetup, DEMO, seedReseller } from '../test/partnerships/fixtures';
import { closeLogPanel, expectCard, expectVisible, sendMessage, shootChatPane } from './playground/browser';
import { type OfferChoice, reviewNewCustomer, SAMPLE_CUSTOMER } from './playground/customerCards';
import { partnershipsOf, playgroundUser } from './playground/partnerships';
import { type PlaygroundSession, runPlaygroundSession } from './playground/session';

/**
 * Screenshots of the main Teams cards for the README, rendered by the Microsoft 365 Agents Playground
 * in headless Chromium from the current cards and catalogs:
 *
 *   npm run screenshots [-- --out docs/screenshots]
 *
 * welcome.png (on install), enrolment-progress.png (`enroll`), invitation.png (`invitation <code>`
 * for an invitation made here through the partnerships service), customer-request.png (the review
 * card of a new customer's request: `customers` once that invitation is authorised, the details
 * filled in, two offers with licence counts, Next: review), polish.png (`language pl`, `help`).
 * Each is the Playground's chat pane. Env: CHROMIUM_PATH (default /usr/bin/chromium). Logs go to
 * `.playground/screenshots/`. Exit 0 on success, 1 on failure; whatever it started is stopped either
 * way, and the whole run is bounded (TOTAL_MS).
 */

const TOTAL_MS = 150_000;
const VIEWPORT = { width: 1280, height: 900 };
/** A made-up Slack workspace for the distributor (Contoso) that sends the invitation. */
const PROVIDER_TEAM = 'TSCREENSHOT';
const APPROVER = { platform: 'slack' as const, userId: 'U0APPROVER', name: 'Jan Wiśniewski' };
/** The new customer the reseller asks Contoso to create, with two offers and their licence counts. */
const CUSTOMER = SAMPLE_CUSTOMER;
const TWO_OFFERS: OfferChoice[] = [
  { offer: SANDBOX_OFFERS[1], licences: 12 },
  { offer: SANDBOX_OFFERS[4], licences: 1 },
];

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    logs: { type: 'string', default: '.playground/screenshots' },
  },
});
const outDir = resolve(values.out ?? 'docs/screenshots');
const logDir = resolve(values.logs ?? '.playground/screenshots');
const en = translatorFor('en');
const pl = translatorFor('pl');

runPlaygroundSession(
  {
    name: 'screenshots',
    failure: 'SCREENSHOTS FAILED',
    done: `done: screenshots in ${outDir}`,
    totalMs: TOTAL_MS,
    logDir,
    workDirPrefix: 'csp-screenshots-',
  },
  takeScreenshots,
);

async function takeScreenshots(session: PlaygroundSession): Promise<void> {
  const say = session.say;
  mkdirSync(outDir, { recursive: true });
  warnWithoutEmojiFont(say);

  // The assistant with the product's features, in this process: auth off, SQLite in a temporary
  // DATA_DIR, the Partner Center sandbox, nothing read from `.env`.
  const assistant = await session.startAssistant();
  say(`assistant ready on ${assistant.url}`);
  const playground = await session.startPlayground();
  say(`Agents Playground ready on ${playground.url}`);
  const page = await session.openPage(VIEWPORT);
  say(`Chromium ${session.browser?.version()} launched`);
  if (!(await closeLogPanel(page))) say('could not hide the Log Panel; it stays in the pictures');
  const shoot = async (card: Locator, name: string): Promise<void> => {
    const whole = await shootChatPane(page, card, join(outDir, name), VIEWPORT);
    say(`${name}${whole ? ' (whole page: chat pane not found)' : ''}`);
  };

  // 1. The welcome card arrives on install, without any click.
  const welcome = await expectCard(page, en('common:welcome.title'), 30_000, 'the welcome card');
  await expectVisible(welcome.getByRole('button').first(), 5_000, "the welcome card's buttons");
  await shoot(welcome, 'welcome.png');

  // 2. The enrolment checklist.
  await sendMessage(page, 'enroll');
  const progress = await expectCard(page, en('enrolment:progress.title'), 20_000, 'the enrolment progress card');
  await shoot(progress, 'enrolment-progress.png');

  // Leave the checklist as a user would, so the next message is a command again.
  await sendMessage(page, 'cancel');
  await expectVisible(page.getByText(en('common:cancelled'), { exact: true }).last(), 20_000, 'the answer to "cancel"');

  // 3. An invitation from Contoso to the Playground user's organisation, then `invitation <code>`.
  const { code, authorise } = await inviteThePlaygroundTenant(assistant, say);
  await sendMessage(page, `invitation ${code}`);
  const invitation = await expectCard(page, en('partnerships:teams.card.title'), 20_000, 'the invitation card');
  await expectVisible(
    invitation.getByRole('button', { name: en('partnerships:teams.card.authorize') }),
    5_000,
    "the invitation's Authorize",
  );
  await expectVisible(
    invitation.getByRole('button', { name: en('partnerships:teams.card.decline') }),
    5_000,
    "the invitation's Decline",
  );
  await shoot(invitation, 'invitation.png');

  // 4. Once the organisation has authorised Contoso (P3), a new customer's request put together and
  // on its review card (C3): the whole request, the rule checks it passed, Submit and Cancel.
  await authorise();
  const review = await reviewNewCustomer(page, en, CUSTOMER, TWO_OFFERS);
  await shoot(review, 'customer-request.png');

  // 5. A card in Polish.
  await sendMessage(page, 'language pl');
  await expectVisible(
    page.getByText(pl('common:language.changed'), { exact: true }).last(),
    20_000,
    'the switch to Polish',
  );
  await sendMessage(page, 'help');
  const help = await expectCard(page, pl('common:help.title'), 20_000, 'the help card in Polish');
  await shoot(help, 'polish.png');
}

/**
 * Sets Contoso up as a distributor, records the Playground user's organisation as an enrolled
 * reseller (Fabrikam) and invites its primary contact: the code the reseller would get by email, and
 * a way to authorise it as the reseller would with the card's Authorise.
 */
async function inviteThePlaygroundTenant(
  running: Assistant,
  say: (message: string) => void,
): Promise<{ code: string; authorise: () => Promise<void> }> {
  // The tenant the Playground sends (conversation.tenantId): remembered with the user's conversation.
  const user = await playgroundUser(running);
  const tenantId = user.tenantId;
  say(`Playground tenant: ${tenantId}`);
  const { partners, service } = await partnershipsOf(running);
  const setup = await service.setUpProvider(PROVIDER_TEAM, contosoSetup([APPROVER.userId]), APPROVER, true);
  if (!setup.ok) throw new Error(`could not set up the provider: ${JSON.stringify(setup.refusal)}`);
  await seedReseller(partners, DEMO.resellerReady, { tenantId });
  const outcome = await service.createInvitation(
    PROVIDER_TEAM,
    {
      email: DEMO.resellerReady.primaryContactEmail,
      companyName: DEMO.resellerReady.name,
      mpnId: DEMO.resellerReady.mpnId,
    },
    APPROVER,
  );
  if (!outcome.ok) throw new Error(`the invitation was refused: ${JSON.stringify(outcome.refusal)}`);
  const code = outcome.value.code;
  const userId = user.aadObjectId ?? 'playground-user';
  return {
    code,
    authorise: async () => {
      const done = await service.authorise(code, { tenantId, actor: { platform: 'teams', userId } });
      if (!done.ok) throw new Error(`the invitation could not be authorised: ${JSON.stringify(done)}`);
    },
  };
}

/** The enrolment checklist marks its steps with emoji (✅ ⬜ ⏳): without a colour emoji font they are boxes. */
function warnWithoutEmojiFont(say: (message: string) => void): void {
  try {
    if (!/emoji/i.test(execFileSync('fc-list', { encoding: 'utf8', timeout: 5_000 }))) {
      say('no emoji font found: install fonts-noto-color-emoji or the checklist marks show as boxes');
    }
  } catch {
    say('fc-list not available: cannot check for an emoji font');
  }
}
