import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { expectCard, expectVisible, sendMessage } from './playground/browser';
import { runPlaygroundSession } from './playground/session';

/**
 * Smoke test of the local try-out: the assistant and the Microsoft 365 Agents Playground on free
 * ports, the Playground page in headless Chromium; the welcome card must render on install, and
 * `help` must answer with the help card.
 *
 *   npx tsx scripts/playgroundSmoke.ts [--out .playground]
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium). Writes to --out: welcome.png, help.png (or
 * failure.png), agentsplayground.log, assistant.log, page.log. Exit 0 on success, 1 on failure;
 * whatever it started is stopped either way, and the whole run is bounded (TOTAL_MS).
 */

const TOTAL_MS = 110_000;
const VIEWPORT = { width: 1400, height: 900 };
const WELCOME_TITLE = 'Welcome to the CSP Partner Assistant';
const HELP_TITLE = 'What I can do';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.playground' } } });
const outDir = resolve(values.out ?? '.playground');

runPlaygroundSession(
  {
    name: 'smoke',
    failure: 'PLAYGROUND SMOKE TEST FAILED',
    done: `PASS: welcome and help cards rendered in the Agents Playground (screenshots in ${outDir})`,
    totalMs: TOTAL_MS,
    logDir: outDir,
    workDirPrefix: 'csp-playground-smoke-',
    staleFiles: ['welcome.png', 'help.png', 'failure.png'],
    diagnose: async (page) => {
      const panel = await logPanelText(page);
      return panel.length ? `Playground log panel:\n  ${panel.join('\n  ')}` : undefined;
    },
  },
  async (session) => {
    // The assistant, in this process: auth off, SQLite in a temporary DATA_DIR, nothing read from `.env`.
    const assistant = await session.startAssistant();
    session.say(`assistant ready on ${assistant.url}`);
    const playground = await session.startPlayground();
    session.say(`Agents Playground ready on ${playground.url}`);
    const page = await session.openPage(VIEWPORT);
    session.say(`Chromium ${session.browser?.version()} launched`);

    // The Playground installs the app when the page opens (installationUpdate + conversationUpdate
    // with membersAdded): the welcome card must arrive without any click.
    const welcome = await expectCard(page, WELCOME_TITLE, 30_000, 'the welcome card');
    await expectVisible(welcome.getByRole('button').first(), 5_000, "the welcome card's buttons");
    await page.screenshot({ path: join(outDir, 'welcome.png') });
    session.say('welcome card rendered: welcome.png');

    await sendMessage(page, 'help');
    const help = await expectCard(page, HELP_TITLE, 20_000, 'the help card (after sending "help")');
    await help.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, 'help.png') });
    session.say('help card rendered: help.png');

    const warnings = (await logPanelText(page)).filter((line) => /warn|not supported|unsupported|error/i.test(line));
    for (const warning of warnings) session.say(`Playground log panel: ${warning}`);
  },
);

async function logPanelText(target: Page): Promise<string[]> {
  try {
    const text = await target.locator('body').innerText({ timeout: 2_000 });
    const start = text.indexOf('Log Panel');
    return start < 0
      ? []
      : text
          .slice(start)
          .split('\n')
          .filter((line) => /^\[\d/.test(line.trim()));
  } catch {
    return [];
  }
}
