import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Assistant } from '../../../bot/assistant';
import { translatorFor, type Translate } from '../../../i18n/i18n';
import { ConnectorStub } from '../fakes/connectorStub';
import { SlackApiStub } from '../fakes/slackApiStub';
import { SlackDriver } from './slackDriver';
import { cardSubmit, message, postActivity, type TeamsUser } from './teamsActivities';
import { startTestAssistant, type StoreBackend, storeBackends, tempDataDir } from './testAssistant';

const run = promisify(execFile);
/** The checkout, where an operator runs scripts/sandbox.ts: above test/support/drivers, or above dist/ when compiled (the bench). */
const ROOT = [path.join(__dirname, '..', '..', '..'), path.join(__dirname, '..', '..', '..', '..')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
) as string;

type Json = Record<string, unknown>;

/** A database index of its own, emptied first; TEST_JOURNEY_REDIS_DB keeps parallel checkouts on one Redis apart. */
const JOURNEY_REDIS_DB = Number(process.env.TEST_JOURNEY_REDIS_DB ?? 10);

export type JourneyBackend = StoreBackend;

export const JOURNEY_BACKENDS: JourneyBackend[] = storeBackends(JOURNEY_REDIS_DB);

/** What a catalog text looks like inside the JSON of an activity or a Slack call (quotes and newlines escaped). */
export const asJson = (text: string) => JSON.stringify(text).slice(1, -1);

/** Where the assistant under the journey listens, and the store the operator's commands open. */
export interface JourneyTarget {
  url: string;
  dataDir: string;
  /** Set when the assistant keeps its state in Redis (the operator's commands then open the same). */
  redisUrl?: string;
}

/**
 * The product as a new user meets it, from an empty store: one assistant (its HTTP server, Bolt's
 * signature check, the store, the sandbox Partner Center, the outbox), a local Bot Framework connector
 * for Teams and a local Slack Web API. Everything happens through what Teams and Slack send, what a
 * browser does with a link, and the operator commands the README documents. Nothing writes the store.
 * `start()` runs its own assistant; the bench runs one in another process and `attach`es to it.
 */
export class JourneyWorld {
  assistant?: Assistant & { dataDir: string };
  target!: JourneyTarget;
  connector!: ConnectorStub;
  slackApi!: SlackApiStub;
  slack!: SlackDriver;
  /**
   * How long to wait for the next thing to arrive before calling it lost (the bench's loaded machine waits
   * longer). A wait ends when the thing arrives, so this costs time only when something is lost: 10 s ran
   * out once for a notice on a 2-core machine at load 9 with three other suites running.
   */
  patienceMs = 20_000;

  constructor(
    private readonly backend: JourneyBackend,
    readonly team: string,
    readonly channel: string,
    private readonly slackUsers: Record<string, { admin?: boolean; locale?: string }>,
  ) {}

  /** `clock`: the time the assistant's features see, for a journey that moves it (as a test moves days). */
  async start(options: { clock?: () => Date; env?: Record<string, string> } = {}) {
    await this.startPlatforms();
    const assistant = await startTestAssistant({
      dataDir: tempDataDir(),
      slackApiUrl: this.slackApi.url,
      clock: options.clock,
      env: {
        ...options.env,
        ...this.backend.env,
        // The operator moves verification (scripts/sandbox.ts); the sandbox's own clock stays still.
        SANDBOX_VERIFICATION_STEP_MS: String(24 * 60 * 60 * 1000),
        VERIFICATION_POLL_MS: '100',
        OUTBOX_POLL_MS: '50',
      },
    });
    this.assistant = assistant;
    this.attach({ url: assistant.url, dataDir: assistant.dataDir, redisUrl: this.backend.env.REDIS_URL });
  }

  /** The Teams connector and the Slack Web API the people's side of the journey runs on. */
  async startPlatforms() {
    this.slackApi = await new SlackApiStub().start();
    this.connector = await new ConnectorStub().start();
    this.slackApi.answer('users.info', (args) => ({
      user: {
        id: args.user,
        name: String(args.user).toLowerCase(),
        locale: this.slackUsers[String(args.user)]?.locale ?? 'en-US',
        is_admin: this.slackUsers[String(args.user)]?.admin === true,
      },
    }));
    let ts = 0;
    this.slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `200.${++ts}` }));
  }

  /** Walks the journey against an assistant already running with this world's Slack Web API. */
  attach(target: JourneyTarget) {
    this.target = target;
    this.slack = new SlackDriver(target.url, this.slackApi, this.team, this.channel);
  }

  async stop() {
    await this.assistant?.close();
    await this.connector?.stop();
    await this.slackApi?.stop();
  }

  get providerId() {
    return `slack:${this.team}`;
  }

  /**
   * `/csp setup` as a workspace admin, as Contoso (the sandbox's distributor) fills the modal in:
   * `approvers` the named approvers, this world's channel; no Partner Center link (sandbox: the stand-in).
   */
  async setUpDistributor(
    admin: string,
    approvers: string | string[],
    provider: { name: string; mpnId: string; tenantId: string },
  ) {
    const response = await this.slack.setUpDistributor(admin, approvers, provider, this.patienceMs);
    expect(response.text).to.equal('');
  }

  /** `/csp invite` and its modal as an approver fills it in; resolves with the modal's answer. */
  invite(approver: string, fields: { email: string; companyName: string; mpnId: string }) {
    return this.slack.invite(approver, fields, this.patienceMs);
  }

  /**
   * Sends a Teams activity; resolves with what the bot answered to it in its conversation (at least
   * `replies` activities), as JSON text. Counted per conversation, so several people can walk at once.
   */
  async teams(activity: Json & { conversation: { id: string } }, replies = 1): Promise<string> {
    const conversation = activity.conversation.id;
    const from = this.connector.received.length;
    const answers = () => this.connector.received.slice(from).filter((r) => r.conversationId === conversation);
    expect(await postActivity(this.target.url, activity)).to.equal(200);
    while (answers().length < replies)
      await this.connector.waitFor(this.connector.received.length + 1, this.patienceMs);
    return answers()
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  say(text: string, user: TeamsUser, replies = 1) {
    return this.teams(message(this.connector.url, text, user), replies);
  }

  /** A card button, as Teams sends it: the card's data and inputs, replying to the card it was on. */
  press(value: Json, user: TeamsUser, replyToId = 'card-1', replies = 1) {
    return this.teams({ ...cardSubmit(this.connector.url, value, user), replyToId }, replies);
  }

  /** Resolves with the first activity (JSON text) the connector received that `matches`, waiting for it as it arrives. */
  async teamsReceived(matches: (json: string) => boolean, what: string, from = 0): Promise<string> {
    for (;;) {
      const found = this.connector.received.slice(from).find((r) => matches(JSON.stringify(r.activity)));
      if (found) return JSON.stringify(found.activity);
      await this.connector.waitFor(this.connector.received.length + 1, this.patienceMs).catch(() => {
        throw new Error(`never received in Teams: ${what}`);
      });
    }
  }

  /**
   * A card button whose answer is the pressed card redrawn in place (Submit, Cancel): resolves with what
   * the turn sent and redrew in the person's conversation, as JSON text.
   */
  async pressRedrawn(value: Json, user: TeamsUser, replyToId: string): Promise<string> {
    const activity = { ...cardSubmit(this.connector.url, value, user), replyToId };
    const [sent, redrawn] = [this.connector.received.length, this.connector.updated.length];
    expect(await postActivity(this.target.url, activity)).to.equal(200);
    return [...this.connector.received.slice(sent), ...this.connector.updated.slice(redrawn)]
      .filter((r) => r.conversationId === activity.conversation.id)
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  /** The card the last button replaced in place (Teams' update of the card it was on), as JSON text. */
  async cardReplaced(matches: (json: string) => boolean, what: string): Promise<string> {
    const deadline = Date.now() + this.patienceMs;
    for (;;) {
      const found = this.connector.updated
        .map((u) => JSON.stringify(u.activity))
        .reverse()
        .find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no card was replaced with ${what}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /** Every activity received so far that `matches`. */
  teamsCount(matches: (json: string) => boolean): number {
    return this.connector.received.filter((r) => matches(JSON.stringify(r.activity))).length;
  }

  /** Resolves with the first Slack Web API call of `method` (as JSON text) that `matches`, waiting as calls arrive. */
  async slackCalled(method: string, matches: (json: string) => boolean, what: string): Promise<string> {
    for (;;) {
      const found = this.slackApi.callsOf(method).find((c) => matches(JSON.stringify(c.args)));
      if (found) return JSON.stringify(found.args);
      await this.slackApi.waitFor(method, this.slackApi.callsOf(method).length + 1, this.patienceMs).catch(() => {
        throw new Error(`never called in Slack: ${what}`);
      });
    }
  }

  /**
   * `npx tsx scripts/sandbox.ts <args>` as the README tells an operator to run it, against the same
   * store (the assistant's DATA_DIR, or its REDIS_URL); resolves with what it printed.
   */
  async operator(...args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PARTNER_CENTER_MODE: 'sandbox',
      DATA_DIR: this.target.dataDir,
      LOG_LEVEL: 'silent',
    };
    if (this.target.redisUrl) env.REDIS_URL = this.target.redisUrl;
    else delete env.REDIS_URL;
    const { stdout } = await run('npx', ['tsx', 'scripts/sandbox.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
    return stdout;
  }

  /** A browser following a link the assistant handed out: the same path and query, on this server. */
  async browse(link: string, init: RequestInit = {}, language = 'pl-PL') {
    const url = new URL(link);
    const response = await fetch(`${this.target.url}${url.pathname}${url.search}`, {
      ...init,
      headers: { 'accept-language': language, ...(init.headers ?? {}) },
    });
    return { status: response.status, html: await response.text() };
  }

  /** A browser submitting a page's one form as its user filled it in (hidden fields kept, the box ticked). */
  async submitForm(html: string, filled: Record<string, string>) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on the page: ${html.slice(0, 500)}`);
    const fields = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields.set(name, unescapeHtml(value));
    }
    for (const [name, value] of Object.entries(filled)) fields.set(name, value);
    const response = await fetch(`${this.target.url}${unescapeHtml(action)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'pl-PL' },
      body: fields.toString(),
    });
    return { status: response.status, html: await response.text() };
  }
}

const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string,
  );

/** The reader's catalog, to look for what a person reads whatever its wording becomes. */
export const catalog = (language: string): Translate => translatorFor(language);

/** What a page shows of a catalog text (HTML-escaped). */
export const asHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
