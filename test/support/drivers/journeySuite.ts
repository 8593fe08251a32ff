import type { Assistant, StartOptions } from '../../../bot/assistant';
import { ConnectorStub } from '../fakes/connectorStub';
import { SlackApiStub } from '../fakes/slackApiStub';
import { ADMIN, APPROVER, REP, CHANNEL } from './contosoInSlack';
import { CustomerWorld, type WorldOptions } from './customerWorld';
import { type JourneyBackend, JOURNEY_BACKENDS, JourneyWorld } from './journeyWorld';
import { journeyOn } from './partnerRoad';
import { SlackDriver } from './slackDriver';
import { type LogCapture, startTestAssistant } from './testAssistant';

/**
 * A journey's plumbing in one place: the Mocha hooks that empty the suite's store (or skip the suite when
 * it needs Redis and the run has none), start the world before the first step and stop it after the last.
 * Call it inside the journey's `describe`; the steps the people take stay in the journey. Nothing here
 * writes the store: a world gets anywhere only through what Teams and Slack send.
 */

/** A world's life in a suite: started on the emptied store, perhaps put back as found, stopped. */
interface Lifetime {
  start(): Promise<unknown>;
  leaveAsFound?(): Promise<unknown>;
  stop(): Promise<unknown>;
}

/** Registers a world's life on `backend` in the current suite's hooks (`eachTest`: a fresh one for every test). */
function livesInThisSuite(backend: JourneyBackend, life: Lifetime, eachTest = false) {
  let started = false;
  (eachTest ? beforeEach : before)(async function () {
    // Starting an assistant (and a world's walk to its starting point) costs seconds on a loaded 2-core machine.
    this.timeout(60_000);
    await backend.prepare(this);
    await life.start();
    started = true;
  });
  (eachTest ? afterEach : after)(async function () {
    this.timeout(60_000);
    // A suite skipped for want of Redis never started: nothing to put back.
    if (started) await life.leaveAsFound?.();
    await life.stop();
    started = false;
  });
}

/** How Slack describes a person of the workspace (users.info): a workspace admin, their language. */
export type SlackPerson = { admin?: boolean; locale?: string };

export interface JourneyOptions {
  /** The approvals channel; Contoso's usual one unless said. */
  channel?: string;
  /** The workspace's people as Slack describes them; Contoso's admin, approver and rep unless said. */
  people?: Record<string, SlackPerson>;
  /** The time the assistant's features see, for a journey that moves it. */
  clock?: () => Date;
  env?: Record<string, string>;
  /**
   * What the journey puts back after its last step, through the operator's commands: the sandbox's partners
   * are shared by every journey on the same store, so one left suspended or with revenue would change the next.
   */
  leaveAsFound?: (world: JourneyWorld) => Promise<unknown>;
}

/** A journey from an empty store on `backend`, in Slack workspace `team`: the world its steps walk in. */
export function journeyWorld(backend: JourneyBackend, team: string, options: JourneyOptions = {}): JourneyWorld {
  const people = options.people ?? { [ADMIN]: { admin: true }, [APPROVER]: {}, [REP]: {} };
  const world = new JourneyWorld(backend, team, options.channel ?? CHANNEL, people);
  const { clock, env, leaveAsFound } = options;
  livesInThisSuite(backend, {
    start: () => world.start({ clock, env }),
    leaveAsFound: leaveAsFound && (() => leaveAsFound(world)),
    stop: () => world.stop(),
  });
  return world;
}

/**
 * The customer world on `backend` (Contoso set up in Slack and partnered with Fabrikam, from an empty
 * store, as its start() walks it), started before the suite's first step and stopped after its last.
 */
export function customerWorld(backend: JourneyBackend, options: WorldOptions): CustomerWorld {
  const world = new CustomerWorld({ ...options, env: { ...backend.env, ...options.env } });
  livesInThisSuite(backend, world);
  return world;
}

/** How Slack's users.info describes a person: their language, whether a workspace admin, their real name. */
export type SlackProfile = { locale?: string; is_admin?: boolean; real_name?: string };

/** Contoso's people as most HTTP tests meet them: English, and `admin` the one workspace admin. */
export const englishWorkspace =
  (admin = ADMIN) =>
  (user: string): SlackProfile => ({ locale: 'en-US', is_admin: user === admin });

export interface OverHttpOptions {
  /** Slack on the assistant's port: the workspace, its approvals channel, its people. Teams only when absent. */
  slack?: { team: string; channel: string; profile: (user: string) => SlackProfile };
  /** The assistant's slices; all of them unless said. */
  features?: StartOptions['features'];
  clock?: () => Date;
  env?: Record<string, string>;
  /** Where it keeps its state; the embedded store unless said. */
  backend?: JourneyBackend;
  /** A fresh assistant on an emptied store for every test, not one for the whole suite. */
  eachTest?: boolean;
  /** Where the assistant's log lines go (at debug level); nowhere unless said. */
  logs?: LogCapture;
}

/**
 * An HTTP test's own assistant, with the product's defaults (no journey timings), on an empty store: the
 * local Bot Framework connector for Teams and, when asked, the local Slack Web API and a Slack driver.
 */
export class AssistantOverHttp {
  assistant!: Assistant & { dataDir: string };
  connector!: ConnectorStub;
  slackApi!: SlackApiStub;
  slack!: SlackDriver;
  /** The journeys' steps (enrolment, E7 in Teams, the Partner Center page) on this assistant; with Slack only. */
  road!: JourneyWorld;

  constructor(private readonly options: OverHttpOptions) {}

  async start() {
    const { slack } = this.options;
    this.connector = await new ConnectorStub().start();
    if (slack) {
      this.slackApi = await new SlackApiStub().start();
      this.slackApi.answer('users.info', (args) => ({ user: { id: args.user, ...slack.profile(String(args.user)) } }));
    }
    this.assistant = await this.startAssistant();
    if (slack) {
      this.slack = new SlackDriver(this.assistant.url, this.slackApi, slack.team, slack.channel);
      const { assistant, connector, slackApi } = this;
      this.road = journeyOn({
        assistant,
        connector,
        slackApi,
        slack: this.slack,
        team: slack.team,
        channel: slack.channel,
      });
    }
  }

  /** The assistant stopped and started again on the same data, as after a deployment. */
  async restart() {
    await this.assistant.close();
    this.assistant = await this.startAssistant(this.assistant.dataDir);
  }

  private startAssistant(dataDir?: string) {
    const { slack, features, clock, env, backend, logs } = this.options;
    return startTestAssistant({
      dataDir,
      logs,
      slackApiUrl: slack ? this.slackApi.url : undefined,
      features,
      clock,
      env: { ...env, ...backend?.env },
    });
  }

  async stop() {
    await this.assistant?.close();
    await this.slackApi?.stop();
    await this.connector?.stop();
  }
}

/** An assistant over HTTP for the current suite (or each of its tests), started on an empty store. */
export function assistantOverHttp(options: OverHttpOptions = {}): AssistantOverHttp {
  const world = new AssistantOverHttp(options);
  livesInThisSuite(options.backend ?? JOURNEY_BACKENDS[0], world, options.eachTest);
  return world;
}
