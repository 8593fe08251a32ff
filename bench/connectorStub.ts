import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Framework connector (and a Slack Web API) the benchmarked bots talk to, run in its own
 * process (`child_process.fork`) so its work does not share an event loop with the load generator or
 * the bot. Optionally enforces Teams' limits the way the service does: 429 with Retry-After past them.
 *
 * IPC: the parent sends `{ id, cmd: 'reset', limits? }` or `{ id, cmd: 'stats' }`; the stub answers
 * `{ id, result }`. On start it sends `{ ready: true, port }`.
 */

export interface StubLimits {
  /** Per conversation: sustained messages per second and the burst allowed above it. */
  perConversationPerSecond: number;
  perConversationBurst: number;
  /** Per tenant (the conversation's tenant, carried in the activity): messages per second. */
  perTenantPerSecond: number;
  /** Seconds the 429 asks the sender to wait. */
  retryAfterSeconds: number;
}

/** Teams' documented per-thread limit is about 7 per second and 1 per second sustained; 25/s per tenant (issue 8). */
export const TEAMS_LIMITS: StubLimits = {
  perConversationPerSecond: 1,
  perConversationBurst: 3,
  perTenantPerSecond: 25,
  retryAfterSeconds: 1,
};

export interface StubStats {
  /** Activities answered 200. */
  accepted: number;
  /** Activities answered 429. */
  throttled: number;
  /** Distinct (conversation, activity text) pairs answered 200. */
  distinct: number;
  /** Pairs answered 200 more than once: a delivery sent twice. */
  doubled: number;
  firstAcceptedAt?: number;
  lastAcceptedAt?: number;
  /** Distinct pairs whose text starts with a prefix, asked for with `stats { prefix }`. */
  keys?: string[];
  /** Requests (Teams activities, Slack Web API calls, Slack `response_url` posts) containing each marker. */
  markers: Record<string, number>;
  /** Slack Web API calls by method; `respond` for posts to a `response_url`. */
  slackCalls: Record<string, number>;
}

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The limiter and the delivery ledger, apart from HTTP so a test can drive them with a clock. */
export class DeliveryLedger {
  private readonly conversations = new Map<string, Bucket>();
  private readonly tenants = new Map<string, Bucket>();
  private readonly seen = new Map<string, number>();
  private stats: StubStats = DeliveryLedger.empty();
  private markers: Record<string, string> = {};

  constructor(private limits?: StubLimits) {}

  private static empty(): StubStats {
    return { accepted: 0, throttled: 0, distinct: 0, doubled: 0, markers: {}, slackCalls: {} };
  }

  /**
   * Starts afresh; `markers` (name → text) are counted in every request's body from now on, so the bench
   * can tell what the bots answered: cards it expects, or an error message it must not see.
   */
  reset(limits?: StubLimits, markers: Record<string, string> = {}) {
    this.limits = limits;
    this.conversations.clear();
    this.tenants.clear();
    this.seen.clear();
    this.stats = DeliveryLedger.empty();
    this.markers = markers;
    for (const name of Object.keys(markers)) this.stats.markers[name] = 0;
  }

  /** Counts the markers a request's (decoded) body contains. */
  inspect(body: string) {
    for (const [name, text] of Object.entries(this.markers)) {
      if (body.includes(text)) this.stats.markers[name] += 1;
    }
  }

  /** A Slack Web API call (or a `response_url` post) arrived. */
  slackCall(method: string, body: string) {
    this.stats.slackCalls[method] = (this.stats.slackCalls[method] ?? 0) + 1;
    this.inspect(body);
  }

  /** 200, or 429 with the seconds to wait. */
  offer(
    conversationId: string,
    tenantId: string,
    text: string,
    now: number,
  ): { status: 200 } | { status: 429; retryAfter: number } {
    const limits = this.limits;
    if (limits) {
      const conversation = this.bucket(
        this.conversations,
        conversationId,
        limits.perConversationPerSecond,
        limits.perConversationBurst,
        now,
      );
      const tenant = this.bucket(this.tenants, tenantId, limits.perTenantPerSecond, limits.perTenantPerSecond, now);
      // Both must allow it; a refused tenant token is not handed back (Teams counts the attempt too).
      const conversationOk = conversation.take(now);
      const tenantOk = conversationOk && tenant.take(now);
      if (!conversationOk || !tenantOk) {
        this.stats.throttled += 1;
        return { status: 429, retryAfter: limits.retryAfterSeconds };
      }
    }
    const key = `${conversationId}\u0000${text}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (count === 1) this.stats.distinct += 1;
    if (count === 2) this.stats.doubled += 1;
    this.stats.accepted += 1;
    this.stats.firstAcceptedAt ??= now;
    this.stats.lastAcceptedAt = now;
    return { status: 200 };
  }

  snapshot(prefix?: string): StubStats {
    const keys = prefix ? [...this.seen.keys()].filter((k) => k.split('\u0000')[1]?.startsWith(prefix)) : undefined;
    return { ...this.stats, markers: { ...this.stats.markers }, slackCalls: { ...this.stats.slackCalls }, keys };
  }

  private bucket(map: Map<string, Bucket>, key: string, perSecond: number, burst: number, now: number) {
    let bucket = map.get(key);
    if (!bucket) {
      bucket = new Bucket(perSecond, burst, now);
      map.set(key, bucket);
    }
    return bucket;
  }
}

function startStub() {
  const ledger = new DeliveryLedger();
  let nextId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/api/') || url.startsWith('/respond/')) {
        // Slack Web API (users.info with a locale, chat.postMessage and the rest answer ok) and response_urls.
        const method = url.startsWith('/respond/') ? 'respond' : url.slice('/api/'.length).split('?')[0];
        ledger.slackCall(method, readable(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, user: { id: 'U0', locale: 'en-US' }, ts: String(Date.now() / 1000) }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(\/.*)?$/.exec(url);
      if (!match || req.method !== 'POST') {
        res.writeHead(url.startsWith('/v3/conversations') ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `conv-${nextId++}` }));
        return;
      }
      let activity: { text?: string; conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } };
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        activity = JSON.parse(body || '{}');
      } catch {
        res.writeHead(400).end();
        return;
      }
      ledger.inspect(body);
      const conversationId = decodeURIComponent(match[1]);
      const tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id ?? 'no-tenant';
      const answer = ledger.offer(conversationId, tenantId, activity.text ?? '', Date.now());
      if (answer.status === 429) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(answer.retryAfter) });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: true, port: (server.address() as AddressInfo).port });
  });
  process.on(
    'message',
    (message: { id: number; cmd: string; limits?: StubLimits; markers?: Record<string, string>; prefix?: string }) => {
      if (message.cmd === 'reset') {
        ledger.reset(message.limits, message.markers);
        process.send?.({ id: message.id, result: true });
      } else if (message.cmd === 'stats') {
        process.send?.({ id: message.id, result: ledger.snapshot(message.prefix) });
      } else if (message.cmd === 'exit') {
        process.send?.({ id: message.id, result: true }, () => process.exit(0));
      }
    },
  );
  process.on('disconnect', () => process.exit(0));
}

/** The text a marker is looked for in: JSON as sent; a form (the Slack Web API's default) decoded. */
function readable(body: string, contentType: string | undefined): string {
  if (!contentType?.includes('application/x-www-form-urlencoded')) return body;
  return [...new URLSearchParams(body).values()].join('\n');
}

if (require.main === module) startStub();
