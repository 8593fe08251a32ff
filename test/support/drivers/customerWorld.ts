import { expect } from 'chai';
import type { Assistant } from '../../../bot/assistant';
import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import type { PartnershipService } from '../../../services/partnerships/partnershipService';
import type { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { ConnectorStub } from '../fakes/connectorStub';
import { SlackApiStub } from '../fakes/slackApiStub';
import { type Click, SlackDriver } from './slackDriver';
import { cardSubmit, postActivity, type TeamsUser } from './teamsActivities';
import { LogCapture, startTestAssistant } from './testAssistant';
import { readersOf } from './customerWorldParts';
import { agreementAnswers } from './customerAgreementAnswers';

export { type Backend, BACKENDS, CUSTOMERS_REDIS_DB } from './customerWorldParts';
import type { SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO, fresh } from '../fixtures/partnerships';
import { SANDBOX_PARTNERS } from '../../../services/partnerCenter/sandboxIdentities';
import type { JourneyWorld } from './journeyWorld';
import { alreadyEnrolledInCsp, journeyOn, partnerThroughInvitation, primaryContactGiven } from './partnerRoad';

import { ADMIN, APPROVER, APPROVER2, APPROVER_NAME, CHANNEL, REP } from './contosoInSlack';

export { ADMIN, APPROVER, APPROVER2, APPROVER_NAME, CHANNEL, REP } from './contosoInSlack';
export const FABRIKAM = DEMO.resellerReady.tenantId;
export const piotr: TeamsUser = { tenantId: FABRIKAM, aadObjectId: 'aad-piotr', name: 'Piotr Nowak' };
/** Someone in another reseller's tenant, in Teams. */
const resellerOf = (tenantId: string): TeamsUser => ({ tenantId, aadObjectId: `aad-${tenantId.slice(0, 4)}` });
export const OFFERS = {
  standard: { id: 'CFQ7TTC0LDPB:0001', name: 'Microsoft 365 Business Standard' },
  exchange: { id: 'CFQ7TTC0LH16:0001', name: 'Exchange Online (Plan 1)' },
  azure: { id: 'DZH318Z0BPS6:0001', name: 'Azure plan' },
};

type Json = Record<string, unknown>;
/** A customer domain no earlier test (or earlier run on a shared Redis) has used. */
export const newDomain = () => `klient-${fresh().slice(0, 8)}.pl`;

export interface WorldOptions {
  /** Extra environment for every instance (REDIS_URL for the Redis suites). */
  env?: Record<string, string>;
  /** How many assistants share the store, each with its own HTTP server. */
  instances?: number;
  /** The distributor's Slack workspace; unique per suite so suites on one Redis keep apart. */
  team: string;
  /** The assistants' clock, for a suite that moves time (GDAP's reminders); the wall clock otherwise. */
  clock?: () => Date;
  /**
   * Piotr also gives Fabrikam's primary contact on the checklist after E7, before Contoso invites it:
   * fabrikam-it.pl is then Fabrikam's own domain (C8 refuses it as a customer, and its addresses as a
   * customer's admin). Off by default, as most suites need no domain of Fabrikam's.
   */
  fabrikamPrimaryContact?: boolean;
  /**
   * What Teams reports of people (TeamsInfo.getMember) by their channel id (`29:<aad object id>`), from the
   * start; the local connector answers 404 for anyone else, as Teams does for someone not in the chat.
   */
  teamsMembers?: Record<string, Record<string, unknown>>;
}

/**
 * The whole product as a distributor and a reseller meet it: real assistants (HTTP servers, Bolt's
 * signature check, the store, the sandbox, the outbox) between a local Slack Web API and a local Bot
 * Framework connector; Contoso set up in Slack and partnered with Fabrikam, whose Piotr uses Teams.
 * It starts from an empty store and gets there only through what Slack and Teams send (start()).
 */
export class CustomerWorld {
  readonly logs = new LogCapture();
  assistants: Array<Assistant & { dataDir: string }> = [];
  slackApi!: SlackApiStub;
  connector!: ConnectorStub;
  partners!: PartnerDirectory;
  partnerships!: PartnershipService;
  /** Partner Center as the assistants see it (the sandbox on the shared store). */
  partnerCenter!: PartnerCenterGateway;
  sandbox!: SandboxControls;
  /** Slack as the distributor's people use it: signed commands, clicks and modal submissions. */
  slack!: SlackDriver;
  /** The journeys' steps (Teams, Slack, the Partner Center page, the operator) on this world. */
  road!: JourneyWorld;
  private ts = 0;

  constructor(readonly options: WorldOptions) {}

  get team() {
    return this.options.team;
  }
  get providerId() {
    return `slack:${this.options.team}`;
  }
  get assistant() {
    return this.assistants[0];
  }

  async start() {
    this.slackApi = await new SlackApiStub().start();
    this.connector = await new ConnectorStub().start();
    for (const [id, account] of Object.entries(this.options.teamsMembers ?? {})) this.connector.member(id, account);
    // Reps as Slack names them: the approver has a real name, the others only their ids.
    this.slackApi.answer('users.info', (args) => ({
      user: {
        id: args.user,
        locale: 'en-US',
        real_name: args.user === APPROVER ? APPROVER_NAME : undefined,
        is_admin: args.user === ADMIN,
      },
    }));
    this.slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `100.${++this.ts}` }));
    for (let i = 0; i < (this.options.instances ?? 1); i++) {
      this.assistants.push(
        await startTestAssistant({
          slackApiUrl: this.slackApi.url,
          logs: this.logs,
          env: { OUTBOX_POLL_MS: '50', ...this.options.env },
          clock: this.options.clock,
        }),
      );
    }
    this.slack = new SlackDriver(this.assistant.url, this.slackApi, this.team, CHANNEL);
    // Readers of the store and of the sandbox Partner Center, for what the tests check (never to set up).
    Object.assign(this, await readersOf(this.assistant.store.records));
    const { assistant, connector, slackApi, slack, team } = this;
    this.road = journeyOn({
      assistant,
      connector,
      slackApi,
      slack,
      team,
      channel: CHANNEL,
      redisUrl: this.options.env?.REDIS_URL,
    });
    // From an empty store, as people get there: Contoso's admin sets it up in Slack (P10; Partner
    // Center says Contoso signed the MPA), Fabrikam says in Teams it is already in CSP (E7), and
    // Contoso invites it; Partner Center already lists it, so Authorize makes it active (P2, P3).
    await this.road.setUpDistributor(ADMIN, [APPROVER, APPROVER2], DEMO.provider);
    await alreadyEnrolledInCsp(this.road, piotr, { ...DEMO.resellerReady, supportEmail: 'pomoc@fabrikam-it.pl' });
    if (this.options.fabrikamPrimaryContact) {
      await primaryContactGiven(this.road, piotr, {
        contactName: 'Piotr Nowak',
        contactEmail: DEMO.resellerReady.primaryContactEmail,
      });
    }
    await this.partner(FABRIKAM, DEMO.resellerReady.primaryContactEmail);
  }

  async stop() {
    for (const assistant of this.assistants) await assistant.close();
    await this.slackApi?.stop();
    await this.connector?.stop();
  }

  /**
   * @deprecated Fabrikam is walked in once by start() and nothing changes it behind the product's
   * back any more, so there is nothing to restore; kept (writing nothing) for tests written earlier.
   */
  async seedFabrikam() {}

  /**
   * The reseller authorises Contoso with an invitation from Slack (P2, P3): `/csp invite`, then
   * Authorize in Teams (and the Partner Center page and Check now when Partner Center does not list
   * it yet). The reseller must be one the assistant knows (enrolled, or E7).
   */
  async partner(resellerTenantId: string, email: string, person?: TeamsUser) {
    const who = person ?? (resellerTenantId === FABRIKAM ? piotr : resellerOf(resellerTenantId));
    const known = SANDBOX_PARTNERS.find((p) => p.tenantId === resellerTenantId);
    await partnerThroughInvitation(
      this.road,
      APPROVER,
      who,
      { email, companyName: known?.name ?? email.split('@')[1] },
      async () =>
        (await this.partnerships.partnerships.getPartnership(this.providerId, resellerTenantId))?.state === 'active',
    );
  }

  /** `npx tsx scripts/sandbox.ts <args>` as the README tells an operator, on this world's store. */
  operator(...args: string[]) {
    return this.road.operator(...args);
  }

  /** The offers card each draft was shown, so a later press answers the fields it asked (MCA1). */
  private readonly offersCards = new Map<string, string>();

  /** MCA1: what the person enters in the offers card's customer agreement fields for this draft (none if not asked). */
  agreementOn(draftId: string): Record<string, string> {
    return agreementAnswers(this.offersCards.get(draftId) ?? '');
  }

  /** Remembers an offers card the test itself asked for (an existing customer's), for agreementOn. */
  sawOffersCard(draftId: string, reply: string): void {
    this.offersCards.set(draftId, reply);
  }

  /** Posts a Teams activity to one instance and returns what the bot sent back (as JSON text). */
  async teams(activity: unknown, replies: number, instance = 0): Promise<string> {
    const before = this.connector.received.length;
    expect(await postActivity(this.assistants[instance].url, activity)).to.equal(200);
    await this.connector.waitFor(before + replies);
    return this.connector.received
      .slice(before)
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  /**
   * Posts a card press whose answer may be the pressed card redrawn rather than a new message (Submit,
   * Cancel): returns what the bot sent and what it redrew during the turn, as JSON text.
   */
  async pressCard(activity: unknown, instance = 0): Promise<string> {
    const [received, updated] = [this.connector.received.length, this.connector.updated.length];
    expect(await postActivity(this.assistants[instance].url, activity)).to.equal(200);
    return [...this.connector.received.slice(received), ...this.connector.updated.slice(updated)]
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  /** A card button press, as Teams sends it: the card's data and inputs, replying to the card. */
  card(value: Json, replyToId = 'card-1', user: TeamsUser = piotr) {
    return { ...cardSubmit(this.connector.url, value, user), replyToId };
  }

  form(domain: string, country = 'PL'): Json {
    return {
      verb: 'customers-offers',
      companyName: 'Nowy Klient sp. z o.o.',
      domain,
      country,
      adminEmail: `it@${domain}`,
      providerId: this.providerId,
      line1: 'ul. Prosta 1',
      city: 'Warszawa',
      postalCode: '00-001',
    };
  }

  /** Details → subscriptions: returns the draft id the subscriptions card carries. */
  async startNewCustomer(domain: string, country = 'PL', user: TeamsUser = piotr): Promise<string> {
    const text = await this.teams(this.card(this.form(domain, country), 'card-details', user), 1);
    const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(text)?.[1];
    if (!draftId) throw new Error(`no subscriptions card: ${text.slice(0, 800)}`);
    this.offersCards.set(draftId, text);
    return draftId;
  }

  /** Subscriptions → review, with 10 Business Standard and 3 Exchange Online. */
  async review(draftId: string, user: TeamsUser = piotr): Promise<string> {
    const value = {
      verb: 'customers-review',
      draftId,
      [`qty:${OFFERS.standard.id}`]: '10',
      [`qty:${OFFERS.exchange.id}`]: '3',
      [`qty:${OFFERS.azure.id}`]: '0',
      ...this.agreementOn(draftId),
    };
    return this.teams(this.card(value, 'card-offers', user), 1);
  }

  async submit(draftId: string, instance = 0, user: TeamsUser = piotr): Promise<string> {
    return this.pressCard(this.card({ verb: 'customers-submit', draftId }, 'card-review', user), instance);
  }

  /** A new-customer request all the way to Submit; returns its id (the draft's). */
  async submittedRequest(domain: string): Promise<string> {
    const draftId = await this.startNewCustomer(domain);
    expect(await this.review(draftId)).to.include('customers-submit');
    expect(await this.submit(draftId)).to.include('is with');
    return draftId;
  }

  /** Waits until the approvals channel has the request's message (the outbox delivers it). */
  async approvalPost(requestId: string) {
    for (;;) {
      const post = this.slackApi
        .callsOf('chat.postMessage')
        .find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args.blocks ?? '').includes(requestId));
      if (post) return post;
      await this.slackApi.waitFor('chat.postMessage', this.slackApi.callsOf('chat.postMessage').length + 1);
    }
  }

  /** A signed Slack interaction to one instance. */
  interaction(payload: Json, instance = 0) {
    return this.slack.interaction(payload, this.assistants[instance].url);
  }

  /** A button in a channel message (or, with `fromHome`, on the App Home: no response_url, no channel). */
  click(actionId: string, value: string, user: string, options: { instance?: number; fromHome?: boolean } = {}) {
    return this.slack.buttonClick(actionId, value, user, {
      from: options.fromHome ? 'home' : 'message',
      messageTs: '100.1',
      url: this.assistants[options.instance ?? 0].url,
    });
  }

  /** What a click's respond() said, as JSON text. */
  answerTo(click: Click) {
    return this.slack.answerTo(click);
  }

  /** The reject modal's submission with a reason. */
  rejectWith(requestId: string, user: string, reason: string) {
    return this.slack.viewSubmission('customers.reject', user, { reason: SlackDriver.input(reason) }, requestId);
  }

  /** `/csp <text>`; its later answer (respond) is what comes back, as JSON text. */
  slash(text: string, user = REP): Promise<string> {
    return this.slack.slashAnswer(text, user);
  }

  /** A rep opens the App Home; returns the published view as JSON text. */
  async openHome(user = APPROVER): Promise<string> {
    return JSON.stringify(await this.slack.openHome(user));
  }

  /** Resolves once `check` holds, re-checking as the store changes; fails after `timeoutMs`. */
  async eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > until) throw new Error(`never happened: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
