import { randomUUID } from 'node:crypto';
import { answerParent, type ParentMessage } from './child';
import { DEMO } from '../services/partnerCenter/sandboxIdentities';
import type { SlackApiStub } from '../test/support/fakes/slackApiStub';
import { asJson, JourneyWorld } from '../test/support/drivers/journeyWorld';
import {
  acceptInPartnerCenter,
  authorise,
  confirmedOnCheckNow,
  enrol,
  EXCHANGE,
  inviteReseller,
  mpaSignedInPartnerCenter,
  requestCustomer,
  type ResellerPerson,
  STANDARD,
  TAILSPIN_PROFILE,
  verifiedByPartnerCenter,
} from '../test/support/drivers/resellerRoad';

/**
 * Teams and Slack as the people of the approval bench meet them, in a process of their own (forked by
 * bench/run.ts, so their work shares no event loop with the load generator or the assistant): the
 * journeys' Bot Framework connector and Slack Web API, and the road of test/support/drivers/resellerRoad.ts
 * walked from here over HTTP against the assistant under test. Nothing is written into its store.
 *
 * IPC: sends `{ ready, port }` (the Slack Web API's port: the assistant's SLACK_API_URL is
 * `http://127.0.0.1:<port>/api/`), then answers `{ id, cmd }`: `walk` (the road, then the requests),
 * `reset` and `stats` (the Slack calls since the reset, by method, and the markers they contained).
 */

export interface RoadRequest {
  /** The assistant, and the store the operator's scripts/sandbox.ts opens. */
  url: string;
  dataDir: string;
  redisUrl?: string;
  runId: string;
  teamId: string;
  channelId: string;
  /** The workspace admin who runs `/csp setup`. */
  admin: string;
  approvers: string[];
  /** Pending customer requests to submit through the cards, each with a customer domain of its own. */
  requests: number;
  /** The reseller's colleagues submitting at once, each in their own conversation. */
  people: number;
}

export interface RoadReply {
  requestIds: string[];
  /** Enrolment to the partnership Partner Center confirmed. */
  roadMs: number;
  /** Each step of the road, in ms. */
  steps: Record<string, number>;
  /** The customer requests, from the first `customers` to the last request posted in the channel. */
  requestsMs: number;
}

/** Slack Web API calls (and `response_url` posts, as `respond`) since the last reset, and the markers in them. */
export interface SlackTally {
  slackCalls: Record<string, number>;
  markers: Record<string, number>;
}

/** Where the bench's clicks ask Slack to post their answers: `<Slack Web API>respond/<k>`. */
export const RESPONSE_PATH = 'respond/';

/**
 * The road from an empty store to `requests` pending customer requests in the channel: a Polish
 * reseller enrols with the sandbox's free profile (Tailspin Toys), the operator moves verification and
 * signs the MPA, the distributor sets up and invites in Slack, the reseller authorises in Teams and on
 * the Partner Center stand-in page, Check now confirms; then its colleagues ask for the customers.
 */
async function walk(world: JourneyWorld, request: RoadRequest): Promise<RoadReply> {
  const started = performance.now();
  world.attach({ url: request.url, dataDir: request.dataDir, redisUrl: request.redisUrl });
  const tenantId = randomUUID();
  const people: ResellerPerson[] = Array.from({ length: request.people }, (_, k) => ({
    tenantId,
    aadObjectId: `aad-${request.runId}-${k}`,
    name: k === 0 ? TAILSPIN_PROFILE.contactName : `Kolega ${k}`,
    locale: 'pl-PL',
  }));
  const [anna] = people;
  const provider = DEMO.provider;
  // The invitation finds the reseller by its contact's email: the enrolment load's tenants answered with
  // Tailspin's own contact, so this run's reseller gives one of its own.
  const profile = { ...TAILSPIN_PROFILE, contactEmail: `anna.nowak.${request.runId}@tailspintoys.pl` };

  const steps: Record<string, number> = {};
  const step = async <T>(name: string, walked: Promise<T>): Promise<T> => {
    const from = performance.now();
    const result = await walked;
    steps[name] = Math.round(performance.now() - from);
    return result;
  };
  await step('enrol', enrol(world, anna, profile));
  await step('verified', verifiedByPartnerCenter(world, anna));
  await step('mpa', mpaSignedInPartnerCenter(world, anna, profile.legalName));
  await step('setup', world.setUpDistributor(request.admin, request.approvers, provider));
  const { code } = await step(
    'invite',
    inviteReseller(world, request.approvers[0], {
      email: profile.contactEmail,
      companyName: profile.legalName,
      mpnId: profile.mpnId,
    }),
  );
  const { partnerCenterLink } = await step('authorise', authorise(world, anna, code));
  await step('partnerCenter', acceptInPartnerCenter(world, partnerCenterLink));
  await step('checkNow', confirmedOnCheckNow(world, anna, provider.name));
  const roadMs = performance.now() - started;

  const requestIds: string[] = [];
  let next = 0;
  const colleague = async (person: ResellerPerson) => {
    while (next < request.requests) {
      const i = next++;
      const domain = `bench-${request.runId}-${i}.pl`;
      const asked = await requestCustomer(
        world,
        person,
        { companyName: `Klient ${i} sp. z o.o.`, domain, licences: { [STANDARD]: 10, [EXCHANGE]: 11 } },
        `card-${i}`,
      );
      if (!asked.submitted.includes(asJson(provider.name))) {
        throw new Error(`customer request ${i} was not submitted: ${asked.submitted.slice(0, 500)}`);
      }
      requestIds[i] = asked.requestId;
    }
  };
  await Promise.all(people.map(colleague));
  await postedInChannel(world, requestIds);
  return { requestIds, roadMs, steps, requestsMs: performance.now() - started - roadMs };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Resolves once every request's approval message has reached the channel (a rep can only click what is there). */
async function postedInChannel(world: JourneyWorld, requestIds: string[]) {
  const waiting = new Set(requestIds);
  let read = 0;
  while (waiting.size > 0) {
    const posts = world.slackApi.callsOf('chat.postMessage');
    for (; read < posts.length; read++) {
      for (const id of JSON.stringify(posts[read].args).match(UUID) ?? []) waiting.delete(id);
    }
    if (waiting.size > 0) {
      await world.slackApi.waitFor('chat.postMessage', posts.length + 1, 60_000).catch(() => {
        throw new Error(`${waiting.size} customer requests never reached the approvals channel`);
      });
    }
  }
}

/** Counts the Slack calls since a reset as they are asked for, each call read once. */
export class SlackCounter {
  private from = 0;
  private tally: SlackTally = { slackCalls: {}, markers: {} };
  private markers: Record<string, string> = {};

  constructor(private readonly slackApi: Pick<SlackApiStub, 'calls'>) {}

  reset(markers: Record<string, string> = {}): true {
    this.from = this.slackApi.calls.length;
    this.markers = Object.fromEntries(Object.entries(markers).map(([name, text]) => [name, asJson(text)]));
    this.tally = { slackCalls: {}, markers: Object.fromEntries(Object.keys(markers).map((name) => [name, 0])) };
    return true;
  }

  stats(): SlackTally {
    const calls = this.slackApi.calls;
    for (; this.from < calls.length; this.from++) {
      const { method, args } = calls[this.from];
      const name = method.startsWith(RESPONSE_PATH) ? 'respond' : method;
      this.tally.slackCalls[name] = (this.tally.slackCalls[name] ?? 0) + 1;
      const json = JSON.stringify(args);
      for (const [marker, text] of Object.entries(this.markers)) {
        if (json.includes(text)) this.tally.markers[marker] += 1;
      }
    }
    return { slackCalls: { ...this.tally.slackCalls }, markers: { ...this.tally.markers } };
  }
}

export interface PlatformsOptions {
  teamId: string;
  channelId: string;
  /** The workspace's Slack users, and who is an admin (users.info says so). */
  users: Record<string, { admin?: boolean }>;
}

interface PlatformsMessage extends ParentMessage {
  walk?: RoadRequest;
  markers?: Record<string, string>;
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as PlatformsOptions;
  const backend = { name: 'bench', env: {}, prepare: async () => {} };
  const world = new JourneyWorld(backend, options.teamId, options.channelId, options.users);
  // The road runs right after the loads, on a machine that may still be busy: a late notice is not a lost one.
  world.patienceMs = 60_000;
  await world.startPlatforms();
  const counter = new SlackCounter(world.slackApi);
  answerParent<PlatformsMessage>(
    async (message) => {
      if (message.cmd === 'walk' && message.walk) return walk(world, message.walk);
      if (message.cmd === 'reset') return counter.reset(message.markers);
      if (message.cmd === 'stats') return counter.stats();
      throw new Error(`unknown command ${message.cmd}`);
    },
    () => world.stop(),
  );
  const { port } = new URL(world.slackApi.url);
  process.send?.({ ready: true, port: Number(port) });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench platforms failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
