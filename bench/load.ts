import autocannon from 'autocannon';
import { slackSignature, slashCommandBody } from '../test/helpers/slackRequests';

/** What one load run measured. Latencies in ms; throughput in completed 2xx requests per second. */
export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export type TeamsTurnKind = 'echo' | 'help' | 'language';

/** A Teams personal-chat message as the channel posts it; `n` makes the conversation and the user. */
export function teamsMessage(serviceUrl: string, runId: string, n: number, text: string, sequence: number): string {
  const aadObjectId = `${runId.slice(0, 8).padEnd(8, '0')}-0000-4000-b000-${String(n).padStart(12, '0')}`;
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  return JSON.stringify({
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    id: `bench-${n}-${sequence}`,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    text,
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Bench User' },
    recipient: { id: '28:bot-id', name: 'CSP Partner Assistant' },
    conversation: { id: `a:bench-${runId}-${n}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
  });
}

function figures(result: autocannon.Result): LoadFigures {
  const ok = result['2xx'] ?? 0;
  return {
    rps: result.duration > 0 ? ok / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
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

interface ConnectionContext {
  n?: number;
  sequence?: number;
}

/**
 * Teams turns at a fixed concurrency, each connection its own conversation (and user):
 * `help` (a card, state read), `language` (alternating pl/en: UserState read and written every turn).
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
  return run({
    url: options.url,
    connections: options.connections ?? 16,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, raw) => {
          const context = raw as ConnectionContext;
          context.n ??= nextConversation++;
          context.sequence = (context.sequence ?? 0) + 1;
          const text =
            options.kind === 'language'
              ? `language ${context.sequence % 2 ? 'pl' : 'en'}`
              : options.kind === 'help'
                ? 'help'
                : 'hello';
          return {
            ...request,
            body: teamsMessage(options.serviceUrl, options.runId, context.n, text, context.sequence),
          };
        },
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
  let next = 0;
  return run({
    url: options.url,
    connections: 16,
    amount: options.amount,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const n = next++;
          return { ...request, body: teamsMessage(options.serviceUrl, options.runId, n, 'help', 1) };
        },
      },
    ],
  });
}

/** Signed `/csp help` slash commands (answered inside the ack), each connection its own Slack user. */
export function slackCommands(options: {
  url: string;
  signingSecret: string;
  seconds: number;
  connections?: number;
}): Promise<LoadFigures> {
  let nextUser = 0;
  return run({
    url: options.url,
    connections: options.connections ?? 16,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request, raw) => {
          const context = raw as ConnectionContext;
          context.n ??= nextUser++;
          const body = slashCommandBody('help', { user_id: `U0BENCH${context.n}` });
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
