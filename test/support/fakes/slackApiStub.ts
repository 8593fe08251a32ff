import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface StubUserGroup {
  name: string;
  handle: string;
  users: string[];
}

/**
 * A local Slack Web API: records every call (`POST /api/<method>`) and answers `{ ok: true }`
 * merged with what a test sets for that method (users.info with a locale, ...). It knows user
 * groups: usergroups.list and usergroups.users.list answer from `userGroups`, which a test edits
 * (add someone, take them out), and an unknown group is `no_such_subteam`, as Slack says.
 */
export class SlackApiStub {
  readonly calls: SlackCall[] = [];
  readonly userGroups = new Map<string, StubUserGroup>();
  /** Calls answered with a scripted failure (failNext); not in `calls`. */
  readonly failed: SlackCall[] = [];
  private readonly answers = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  private server?: Server;
  private waiters: Array<{ method: string; count: number; resolve: () => void }> = [];
  private failures: Array<{ method: string; status: number }> = [];

  /** The next call of `method` fails with this HTTP status (a Slack outage), once per call queued. */
  failNext(method: string, status = 503) {
    this.failures.push({ method, status });
  }

  answer(
    method: string,
    reply: Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>),
  ) {
    this.answers.set(method, typeof reply === 'function' ? reply : () => reply);
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  waitFor(method: string, count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.callsOf(method).length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`slack stub: no ${count}× ${method}`)), timeoutMs);
      this.waiters.push({
        method,
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** What the stub answers by itself, before a test's own answers. */
  private builtIn(method: string, args: Record<string, unknown>): Record<string, unknown> {
    if (method === 'usergroups.list') {
      return {
        usergroups: [...this.userGroups].map(([id, g]) => ({ id, name: g.name, handle: g.handle, date_delete: 0 })),
      };
    }
    if (method === 'usergroups.users.list') {
      const group = this.userGroups.get(String(args.usergroup ?? ''));
      return group ? { users: [...group.users] } : { ok: false, error: 'no_such_subteam' };
    }
    return {};
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = parseBody(raw, req.headers['content-type'] ?? '');
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [{ status }] = this.failures.splice(failure, 1);
      this.failed.push({ method, args });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('Service Unavailable');
      return;
    }
    this.calls.push({ method, args });
    const reply = { ok: true, ...this.builtIn(method, args), ...(this.answers.get(method)?.(args) ?? {}) };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
    for (const waiter of this.waiters.filter((w) => w.method === method && this.callsOf(method).length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      out[key] = value;
    }
  }
  return out;
}
