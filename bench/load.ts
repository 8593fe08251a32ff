import autocannon from 'autocannon';
import { slackSignature } from '../test/support/drivers/slackRequests';

/** What one load run measured. Latencies in ms; throughput in completed 2xx requests per second. */
export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /**
   * Requests written, answered or not: autocannon stops with up to one request a connection in flight,
   * which the target still runs to the end.
   */
  sent: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** The target's main thread over the load, where the bench asked the target (bench/mainThreadUse.ts). */
  mainThread?: { busy: number; msPerTurn: number };
  /**
   * The target's resident memory when the load ended, in MB (no collection asked for): the peer runs on
   * V8's default heap growth, the assistant on bot/heapGrowth.ts's, so its throughput beside this says
   * what memory each spent for it.
   */
  rssMb?: number;
  /** The assistant's store operations a turn over the load, by operation (bench/storeOperations.ts). */
  storeOps?: Record<string, number>;
}

export type TeamsTurnKind = 'echo' | 'help' | 'enrolment';

/** The step the enrolment load answers, again and again: the primary contact (E2, E4). */
export const ENROLMENT_STEP = 'primary-contact';
const ENROLMENT_ANSWER = {
  contactName: 'Anna Nowak',
  contactEmail: 'anna.nowak@tailspintoys.pl',
  contactPhone: '+48 22 123 45 67',
};

/** The Teams tenant (a reseller organisation) of load connection `n`: each has its own. */
export const benchTenantOf = (runId: string, n: number) =>
  `${runId.slice(0, 8).padEnd(8, '0')}-0000-4000-a000-${String(n).padStart(12, '0')}`;

let activitiesMade = 0;

/**
 * A Teams personal-chat message as the channel posts it; `n` makes the tenant, the conversation and
 * the user. `content` is the typed text, or the `value` of an Adaptive Card's Action.Submit (with the
 * `replyToId` Teams adds to a card's submission).
 */
export function teamsMessage(
  serviceUrl: string,
  runId: string,
  n: number,
  content: string | Record<string, unknown>,
  sequence: number,
): string {
  const aadObjectId = `${runId.slice(0, 8).padEnd(8, '0')}-0000-4000-b000-${String(n).padStart(12, '0')}`;
  const tenantId = benchTenantOf(runId, n);
  return JSON.stringify({
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    // Unique like Teams' own ids: the same id twice is a re-send, answered once (the delivery ledger).
    id: `bench-${n}-${sequence}-${++activitiesMade}`,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    // A card's button, as Teams posts it, names the card it answers (the bot's previous reply):
    // the assistant's double-click guard reads it, as it does for every real press.
    ...(typeof content === 'string' ? { text: content } : { value: content, replyToId: `card-${n}-${sequence - 1}` }),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Bench User' },
    recipient: { id: '28:bot-id', name: 'CSP Partner Assistant' },
    conversation: { id: `a:bench-${runId}-${n}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
  });
}

/**
 * One enrolment step as a person does it with the cards, two card submissions: the progress card's
 * button for the step (odd turns: the step's card comes back), then the step card's Save with the
 * answers (even turns: validated by the rules, saved, and the progress card comes back). Both read
 * and write the conversation's dialog state; Save also writes the organisation's draft (with who answered).
 */
export function enrolmentSubmission(sequence: number): Record<string, unknown> {
  return sequence % 2
    ? { verb: 'continue', step: ENROLMENT_STEP }
    : { verb: 'continue', step: ENROLMENT_STEP, enrolmentAction: 'answer', ...ENROLMENT_ANSWER };
}

function figures(result: autocannon.Result): LoadFigures {
  const ok = result['2xx'] ?? 0;
  return {
    rps: result.duration > 0 ? ok / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}

function run(options: autocannon.Options): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(figures(result))));
  });
}

/**
 * Teams turns at a fixed concurrency, each connection its own tenant, conversation and user for the
 * whole run: `help` (a card, state read), `enrolment` (card submissions of an enrolment step, see
 * `enrolmentSubmission`). autocannon clears a request's context after every request of a one-request
 * loop, so each connection gets its own request list (and counters) in `setupClient` instead.
 */
export function teamsTurns(options: {
  url: string;
  serviceUrl: string;
  kind: TeamsTurnKind;
  runId: string;
  seconds: number;
  connections?: number;
}): Promise<LoadFigures> {
  let nextConversation = 0;
  const turn = (n: number, sequence: number) =>
    teamsMessage(
      options.serviceUrl,
      options.runId,
      n,
      options.kind === 'enrolment' ? enrolmentSubmission(sequence) : options.kind === 'help' ? 'help' : 'hello',
      sequence,
    );
  const request = { method: 'POST' as const, path: '/api/messages', headers: { 'content-type': 'application/json' } };
  return run({
    url: options.url,
    connections: options.connections ?? 16,
    duration: options.seconds,
    requests: [{ ...request, body: turn(0, 1) }],
    setupClient: (client) => {
      const n = nextConversation++;
      let sequence = 0;
      client.setRequests([
        {
          ...request,
          setupRequest: (req) => {
            sequence += 1;
            return { ...req, body: turn(n, sequence) };
          },
        },
      ]);
    },
  });
}

/** `amount` Teams activities posted to /api/messages, 16 at a time; `body(n)` is the n-th. */
function activities(url: string, amount: number, body: (n: number) => string): Promise<LoadFigures> {
  let next = 0;
  return run({
    url,
    connections: 16,
    amount,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body(next++) }),
      },
    ],
  });
}

/** `amount` `help` turns, each in a conversation (and from a user) of its own. */
export function distinctConversations(options: {
  url: string;
  serviceUrl: string;
  runId: string;
  amount: number;
}): Promise<LoadFigures> {
  return activities(options.url, options.amount, (n) => teamsMessage(options.serviceUrl, options.runId, n, 'help', 1));
}

/** The reseller tenant `i` of the fan-out. */
export const fanoutTenantOf = (runId: string, i: number) =>
  `${runId.slice(0, 8).padEnd(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;

/**
 * Person `u` of a fan-out tenant installing the app, as Teams posts it: a `conversationUpdate` adding
 * them and the bot to their personal chat. The bot welcomes them and records where to reach them.
 */
export function teamsInstall(serviceUrl: string, tenantId: string, u: number): string {
  // Entra object ids are unique across tenants: the outbox's dedupe key relies on it.
  const aadObjectId = `${tenantId.slice(0, 8)}-${String(u).padStart(4, '0')}-4000-a000-${tenantId.slice(-12)}`;
  return JSON.stringify({
    type: 'conversationUpdate',
    channelId: 'msteams',
    serviceUrl,
    id: `install-${tenantId}-${u}`,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    membersAdded: [{ id: `29:${aadObjectId}`, aadObjectId }, { id: '28:bot-id' }],
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Reseller' },
    recipient: { id: '28:bot-id', name: 'CSP Partner Assistant' },
    conversation: { id: `a:fanout-${tenantId}-${u}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId }, eventType: 'teamMemberAdded' },
  });
}

/** Every person of `tenants` fan-out tenants installs the app, `usersPerTenant` each (16 at a time). */
export function installs(options: {
  url: string;
  serviceUrl: string;
  runId: string;
  tenants: number;
  usersPerTenant: number;
}): Promise<LoadFigures> {
  const { usersPerTenant } = options;
  return activities(options.url, options.tenants * usersPerTenant, (n) =>
    teamsInstall(options.serviceUrl, fanoutTenantOf(options.runId, Math.floor(n / usersPerTenant)), n % usersPerTenant),
  );
}

/** Who clicks: the distributor's approvers, as `/csp setup` named them. */
export interface ApprovalClicks {
  url: string;
  signingSecret: string;
  teamId: string;
  channelId: string;
  approvers: string[];
  /** The pending customer requests, by id; each is clicked `clicksPerRequest` times by different approvers. */
  requestIds: string[];
  clicksPerRequest: number;
  /** Where `respond()` posts (the stub counts what it says). */
  responseUrlBase: string;
  connections?: number;
}

/** An Approve click as Slack posts it: a signed `block_actions` payload, form-encoded. */
export function approvalClickBody(options: ApprovalClicks, requestId: string, user: string, k: number): string {
  const payload = {
    type: 'block_actions',
    team: { id: options.teamId, domain: 'distributor' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: options.teamId },
    api_app_id: 'A0CSP',
    token: 'legacy-verification-token',
    trigger_id: `${k}.0.bench`,
    response_url: `${options.responseUrlBase}${k}`,
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: options.channelId },
    channel: { id: options.channelId, name: 'approvals' },
    message: { type: 'message', ts: '1700000000.000100', text: 'New customer request' },
    actions: [
      {
        type: 'button',
        action_id: 'customers.approve',
        block_id: `customers.request.${requestId}`,
        value: requestId,
        text: { type: 'plain_text', text: 'Approve' },
        style: 'primary',
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * Approve clicks on distinct pending requests, `clicksPerRequest` approvers each, back to back (so the
 * approvers of one request race): the first click decides, the later ones are told it was already
 * decided. Every request is signed with the signing secret, so Bolt's signature check runs on each.
 */
export function approvalClicks(options: ApprovalClicks): Promise<LoadFigures> {
  let next = 0;
  return run({
    url: options.url,
    connections: options.connections ?? 16,
    amount: options.requestIds.length * options.clicksPerRequest,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => {
          const k = next++;
          const requestId = options.requestIds[Math.floor(k / options.clicksPerRequest) % options.requestIds.length];
          // A different approver decides each request; the next approver of the list clicks it next.
          const user = options.approvers[(Math.floor(k / options.clicksPerRequest) + k) % options.approvers.length];
          const body = approvalClickBody(options, requestId, user, k);
          return {
            ...request,
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              ...slackSignature(body, options.signingSecret),
            },
          };
        },
      },
    ],
  });
}
