import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpStatusFor, isPartnerCenterError, PartnerCenterError } from '../../../services/partnerCenter/errors';
import { SandboxGateway, type SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import { openStore } from '../../../services/storage/openStore';
import { readBody, sendJson as send } from './fakeBody';
import { routeToSession } from './partnerCenterRoutes';

/** One thing to go wrong on the next request, in the order queued. */
export type Fault =
  | { kind: 'throttle'; retryAfter?: string }
  | { kind: 'server-error' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' }
  /** The request is carried out but its answer is lost (a 503 instead), as when a gateway drops it. */
  | { kind: 'answer-lost' };

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface PartnerCenterFakeOptions {
  regionOf: (country: string) => string | undefined;
  stepMs?: number;
  now?: () => number;
}

const TOKEN_PREFIX = 'fake-token:';

/**
 * A local stand-in for Partner Center's REST API, on 127.0.0.1 and a free port, speaking the documented
 * routes and error bodies. Behind the routes runs a sandbox on an in-memory store, so the REST client
 * is held to exactly the behaviour the sandbox shows for the same demo identities; what the fake adds
 * is the wire: paths, casing, status codes, headers, idempotent POSTs by MS-RequestId, and faults.
 *
 * Tokens name their partner: `PartnerCenterFake.tokenFor(tenantId)`.
 */
export class PartnerCenterFake {
  readonly requests: ReceivedRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Answers already given to a POST, by MS-RequestId, as Partner Center's idempotency promises. */
  private readonly answered = new Map<string, { status: number; body: string }>();

  private constructor(
    private readonly server: Server,
    private readonly sandbox: SandboxGateway,
    readonly baseUrl: string,
  ) {}

  static tokenFor(tenantId: string): string {
    return `${TOKEN_PREFIX}${tenantId}`;
  }

  /** The operator controls of the sandbox behind the routes (R2 holds, MPA), as scripts/sandbox.ts would use them. */
  get controls(): SandboxControls {
    return this.sandbox;
  }

  static async start(options: PartnerCenterFakeOptions): Promise<PartnerCenterFake> {
    const { records } = openStore({ backend: 'memory' });
    const sandbox = new SandboxGateway({
      records,
      clock: { stepMs: options.stepMs ?? 24 * 60 * 60 * 1000 },
      now: options.now,
      regionOf: options.regionOf,
    });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new PartnerCenterFake(server, sandbox, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** Queues faults for the next requests, one request each. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    const bodyText = await readBody(req);

    const fault = this.faults.shift();
    if (fault?.kind === 'throttle') {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      return send(res, 429, JSON.stringify({ description: 'Too many requests.' }), headers);
    }
    if (fault?.kind === 'server-error') return send(res, 500, JSON.stringify({ description: 'Internal error.' }));
    if (fault?.kind === 'malformed') return send(res, 200, '{"partnerName": "Fabrikam IT", "mpn');
    if (fault?.kind === 'slow') await this.delay(fault.delayMs);

    const requestId = req.headers['ms-requestid'];
    const idempotencyKey = req.method === 'POST' && typeof requestId === 'string' ? requestId : undefined;
    const earlier = idempotencyKey ? this.answered.get(idempotencyKey) : undefined;
    if (earlier) return send(res, earlier.status, earlier.body);

    const answer = await this.answer(req, url, bodyText);
    if (idempotencyKey) this.answered.set(idempotencyKey, answer);
    if (fault?.kind === 'answer-lost') return send(res, 503, JSON.stringify({ description: 'Service unavailable.' }));
    send(res, answer.status, answer.body);
  }

  private async answer(req: IncomingMessage, url: URL, bodyText: string): Promise<{ status: number; body: string }> {
    try {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
      if (!token.startsWith(TOKEN_PREFIX))
        throw new PartnerCenterError('unauthorized', 'Missing or invalid bearer token.');
      const session = this.sandbox.as(token.slice(TOKEN_PREFIX.length));
      const result = await routeToSession(session, req.method ?? 'GET', url, bodyText);
      return {
        status: result === undefined ? 404 : 200,
        body: JSON.stringify(result ?? { description: 'No such route.' }),
      };
    } catch (error) {
      if (!isPartnerCenterError(error)) return { status: 500, body: JSON.stringify({ description: String(error) }) };
      const code = typeof error.code === 'number' ? error.code : undefined;
      return {
        status: error.httpStatus ?? httpStatusFor(error.code),
        body: JSON.stringify({ code, description: error.message }),
      };
    }
  }
}
