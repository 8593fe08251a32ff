import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unlikeTheMapper } from './activityMapper';

export interface ReceivedActivity {
  /** The id the stub gave the activity, as a card's later submissions name it (`replyToId`). */
  id?: string;
  conversationId: string;
  path: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: Array<{ content?: unknown }> };
  authorization?: string;
}

export type StubAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * A local Bot Framework connector (the Teams service a bot replies to): records every activity sent
 * to `/v3/conversations/:id/activities[/:replyTo]` and answers 200, or what a test scripts. A member
 * lookup (`GET /v3/conversations/:id/members/:userId`, TeamsInfo.getMember) answers what a test set
 * with `member()`, else 404 as for someone the conversation does not have, or a failure `memberFails()` set.
 *
 * Every activity body must be what botframework-connector's Activity mapper would have written for it
 * (activityMapper.ts): the assistant writes them without it (bot/teams/plainActivityBodies.ts), so each
 * journey checks that nothing it sends reaches Teams differently. `stop()` fails the test otherwise.
 */
export class ConnectorStub {
  readonly received: ReceivedActivity[] = [];
  /** Activities replaced in place (`PUT .../activities/:id`, a card updated after its button was used). */
  readonly updated: ReceivedActivity[] = [];
  private server?: Server;
  private scripted: StubAnswer[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private nextId = 1;
  private readonly members = new Map<string, Record<string, unknown>>();
  private readonly memberFailures = new Map<string, number>();
  private readonly bodiesUnlikeTheMapper: string[] = [];

  /** What Teams says of a user (by their channel id, `29:...`): email, userPrincipalName, ... */
  member(userId: string, account: Record<string, unknown>) {
    this.members.set(userId, { id: userId, ...account });
    this.memberFailures.delete(userId);
  }

  /** A member lookup for this user fails with `status` (e.g. 503) until `member()` describes them. */
  memberFails(userId: string, status: number) {
    this.memberFailures.set(userId, status);
  }

  /** The next answers, in order, before falling back to 200 (e.g. a 429 with Retry-After). */
  script(...answers: StubAnswer[]) {
    this.scripted.push(...answers);
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    if (this.bodiesUnlikeTheMapper.length > 0) {
      throw new Error(
        `connector stub: ${this.bodiesUnlikeTheMapper.length} activities not as the Activity mapper writes them; the first: ${this.bodiesUnlikeTheMapper[0]}`,
      );
    }
  }

  /** Resolves once at least `count` activities have arrived (no sleeping in tests). */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`connector stub: ${this.received.length} of ${count} activities arrived`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  texts(): string[] {
    return this.received.map((r) => r.activity.text ?? '');
  }

  /** The Adaptive Cards received, as JSON text, to look for what a user would read. */
  cards(): string[] {
    return this.received.flatMap((r) => (r.activity.attachments ?? []).map((a) => JSON.stringify(a.content)));
  }

  private activityIn(chunks: Buffer[]): ReceivedActivity['activity'] {
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ReceivedActivity['activity'];
    const unlike = unlikeTheMapper(activity);
    if (unlike) this.bodiesUnlikeTheMapper.push(unlike);
    return activity;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)$/.exec(req.url ?? '');
    if (member && req.method === 'GET') {
      const userId = decodeURIComponent(member[1]);
      const account = this.memberFailures.has(userId) ? undefined : this.members.get(userId);
      res.writeHead(account ? 200 : (this.memberFailures.get(userId) ?? 404), { 'content-type': 'application/json' });
      res.end(JSON.stringify(account ?? { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }));
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(\/.*)?$/.exec(req.url ?? '');
    const body = match ? this.activityIn(chunks) : {};
    if (match && req.method === 'PUT') {
      this.updated.push({
        conversationId: decodeURIComponent(match[1]),
        path: req.url ?? '',
        activity: body,
        authorization: req.headers.authorization,
      });
    }
    if (!match || req.method !== 'POST') {
      res.writeHead(req.url?.startsWith('/v3/conversations') ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `conv-${this.nextId++}` }));
      return;
    }
    const scripted = this.scripted.shift();
    if (scripted && scripted.status >= 300) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(JSON.stringify(scripted.body ?? { error: { code: 'Scripted', message: 'scripted failure' } }));
      return;
    }
    const id = `sent-${this.nextId++}`;
    this.received.push({
      id,
      conversationId: decodeURIComponent(match[1]),
      path: req.url ?? '',
      activity: body,
      authorization: req.headers.authorization,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
    for (const waiter of this.waiters.filter((w) => this.received.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
