import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Driving the Agents Playground page in headless Chromium: the same launch options, offline routing
 * and card checks, shared by the Playground scripts (the smoke test, the screenshots, the demos).
 */

/** The Playground's chat box. */
const COMPOSER = '[role="textbox"][contenteditable="true"]';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface PlaygroundBrowser {
  browser: Browser;
  page: Page;
}

/** Where Chromium is (CHROMIUM_PATH, default Debian's); throws with how to install it when it is not there. */
export function chromiumPath(explicit?: string): string {
  const executablePath = explicit ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return executablePath;
}

/** Chromium on the Playground page, with every request outside this machine refused at once. */
export async function openPlaygroundPage(options: {
  url: string;
  viewport: { width: number; height: number };
  pageLog: string[];
  executablePath?: string;
}): Promise<PlaygroundBrowser> {
  const executablePath = chromiumPath(options.executablePath);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const context = await browser.newContext({ viewport: options.viewport });
    // The page's only outside requests are fonts and icons from Microsoft's CDN: refuse them.
    await context.route(
      (url) => !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname),
      (route) => {
        options.pageLog.push(`blocked ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.on('console', (message) => options.pageLog.push(`console.${message.type()} ${message.text()}`));
    page.on('pageerror', (error) => options.pageLog.push(`pageerror ${error.message}`));
    await page.goto(options.url, { waitUntil: 'domcontentloaded', timeout: 20_000 });
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

export async function expectVisible(locator: Locator, timeoutMs: number, what: string): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error(`${what} did not appear within ${timeoutMs / 1000} s`);
  }
}

/**
 * Waits for the newest Adaptive Card containing `text` and checks it is laid out, not only in the DOM.
 * `exact` matches a whole text block (a title); otherwise any text containing `text`.
 */
export async function expectCard(
  page: Page,
  text: string,
  timeoutMs: number,
  what: string,
  exact = true,
): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard', { hasText: text }).last();
  await expectVisible(card.getByText(text, { exact }).first(), timeoutMs, what);
  const box = await card.boundingBox();
  if (!box || box.width < 100 || box.height < 40) {
    throw new Error(`${what} is in the page but not laid out (bounding box ${JSON.stringify(box)})`);
  }
  return card;
}

/** Types a message in the chat box and sends it, as a user would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.locator(COMPOSER).first();
  await expectVisible(composer, 10_000, 'the chat box');
  await composer.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click({ timeout: 5_000 });
}

/** Resolves with the promise's value, or undefined when it fails or takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!promise) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), ms);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Log Panel takes a third of the page; pictures show the chat only. False when it could not be hidden. */
export async function closeLogPanel(target: Page): Promise<boolean> {
  const hide = target.locator('button[title="Hide log panel"]');
  try {
    await hide.click({ timeout: 10_000 });
    await target.getByText('Log Panel', { exact: true }).waitFor({ state: 'hidden', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the chat pane (the message list and the chat box) to `path` with `card` wholly on screen: for
 * a card taller than the pane the page is made taller for this one picture, then set back to
 * `viewport`. True when the pane was not found and the whole page was saved instead.
 */
export async function shootChatPane(
  target: Page,
  card: Locator,
  path: string,
  viewport: { width: number; height: number },
): Promise<boolean> {
  const cardBox = await card.boundingBox();
  const paneBox = await chatPaneBox(target, card);
  const roomNeeded = (cardBox?.height ?? 0) + 320;
  const resized = paneBox && roomNeeded > paneBox.height;
  if (resized) {
    await target.setViewportSize({
      width: viewport.width,
      height: Math.ceil(viewport.height + roomNeeded - paneBox.height),
    });
  }
  // The card is the newest message: scroll the message list to its end, once the Playground has
  // finished its own scrolling and the page has its new height.
  await target.waitForTimeout(300);
  await card.evaluate((element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (node.scrollHeight > node.clientHeight + 1) node.scrollTop = node.scrollHeight;
    }
  });
  // No focus ring on the chat box in the pictures.
  await target.locator(COMPOSER).first().blur();
  await target.waitForTimeout(300);
  const clip = await chatPaneBox(target, card);
  await target.screenshot({ path, ...(clip ? { clip } : { fullPage: false }) });
  if (resized) await target.setViewportSize(viewport);
  return !clip;
}

/**
 * The conversation itself: the innermost element holding a card and the chat box, so what it holds
 * leaves out the chat list beside it (whose preview repeats the last message's text).
 */
export function chatPane(target: Page): Locator {
  return target
    .locator('div')
    .filter({ has: target.locator('.ac-adaptiveCard') })
    .filter({ has: target.locator(COMPOSER) })
    .last();
}

/** The innermost element holding both the card and the chat box: the Playground's chat pane. */
async function chatPaneBox(target: Page, card: Locator) {
  const pane = target
    .locator('div')
    .filter({ has: card })
    .filter({ has: target.locator(COMPOSER) })
    .last();
  const rect = await pane.boundingBox({ timeout: 5_000 }).catch(() => null);
  return rect && rect.width > 300 && rect.height > 200 ? rect : undefined;
}
