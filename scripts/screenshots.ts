import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { translatorFor } from '../i18n/i18n';
import { SANDBOX_OFFERS } from '../services/partnerCenter/offerCatalogue';
import { expectCard, expectVisible, sendMessage, shootChatPane } from './playground/browser';
import { type OfferChoice, reviewNewCustomer, SAMPLE_CUSTOMER } from './playground/customerCards';
import { openRoad } from './playground/openRoad';
import { walkTheRoad } from './playground/road';
import { type PlaygroundSession, runPlaygroundSession } from './playground/session';

/**
 * Screenshots of the main Teams cards for the README, rendered by the Microsoft 365 Agents Playground
 * in headless Chromium from the current cards and catalogs:
 *
 *   npm run screenshots [-- --out docs/screenshots]
 *
 * Taken on the road a new reseller walks from an empty store (scripts/playground/road.ts): welcome.png
 * (on install), enrolment-progress.png (`enroll`), invitation.png (the distributor's invitation, as it
 * arrives after `/csp invite`), customer-request.png (the review card of a new customer's request once
 * the partnership is active: details, two offers with licence counts, Next: review), polish.png
 * (`language pl`, `help`).
 * Each is the Playground's chat pane. Env: CHROMIUM_PATH (default /usr/bin/chromium). Logs go to
 * `.playground/screenshots/`. Exit 0 on success, 1 on failure; whatever it started is stopped either
 * way, and the whole run is bounded (TOTAL_MS).
 */

const TOTAL_MS = 150_000;
const VIEWPORT = { width: 1280, height: 900 };
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

  // The road a new reseller takes, from an empty store (scripts/playground/road.ts), with a picture of
  // each card worth one on the way: the welcome on install, the enrolment checklist, the invitation.
  const road = await openRoad(session, { viewport: VIEWPORT });
  const { page } = road;
  road.picture = async (name, card) => {
    const whole = await shootChatPane(page, card, join(outDir, name), VIEWPORT);
    say(`${name}${whole ? ' (whole page: chat pane not found)' : ''}`);
  };
  await walkTheRoad(road);

  // Once the partnership is active (P3), a new customer's request put together and on its review card
  // (C3): the whole request, the rule checks it passed, Submit and Cancel.
  const review = await reviewNewCustomer(page, en, CUSTOMER, TWO_OFFERS);
  await road.picture('customer-request.png', review);

  // A card in Polish.
  await sendMessage(page, 'language pl');
  await expectVisible(
    page.getByText(pl('common:language.changed'), { exact: true }).last(),
    20_000,
    'the switch to Polish',
  );
  await sendMessage(page, 'help');
  const help = await expectCard(page, pl('common:help.title'), 20_000, 'the help card in Polish');
  await road.picture('polish.png', help);
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
