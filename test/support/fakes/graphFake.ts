import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GdapError } from '../../../services/gdap/gdapErrors';
import { GdapSandbox } from '../../../services/gdap/sandboxGdap';
import { partnerCenterSandboxFacts } from '../../../services/gdap/sandboxPartyFacts';
import {
  assignmentBodyWire,
  createBodyWire,
  requestBodyWire,
  toWireAssignment,
  toWireRelationship,
  toWireRequest,
} from '../../../services/gdap/graphWire';
import { httpStatusFor, isPartnerCenterError } from '../../../services/partnerCenter/errors';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { openStore } from '../../../services/storage/openStore';
import { readBody, sendJson } from './fakeBody';

export type GraphFault = { kind: 'throttle'; retryAfter?: string } | { kind: 'server-error' } | { kind: 'malformed' };

export interface ReceivedGraphRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const TOKEN_PREFIX = 'fake-graph-token:';
const BASE = '/v1.0/tenantRelationships/delegatedAdminRelationships';

/**
 * A local stand-in for Microsoft Graph's delegatedAdminRelationships routes, on 127.0.0.1 and a free port.
 * Behind the routes run the GDAP sandbox and the Partner Center sandbox it reads its parties from, on one
 * in-memory store, so the REST client is held to the sandbox's behaviour; the fake adds the wire (paths,
 * Graph's JSON and error body, status codes) and faults. Tokens name their tenant: `tokenFor(tenantId)`.
 */
export class GraphFake {
  readonly requests: ReceivedGraphRequest[] = [];
  private readonly faults: GraphFault[] = [];

  private constructor(
    private readonly server: Server,
    readonly gdap: GdapSandbox,
    /** The Partner Center sandbox behind it, to create customers and put a reseller on hold (G4). */
    readonly partnerCenter: SandboxGateway,
    readonly baseUrl: string,
  ) {}

  static tokenFor(tenantId: string): string {
    return `${TOKEN_PREFIX}${tenantId}`;
  }

  static async start(options: {
    regionOf: (country: string) => string | undefined;
    now?: () => number;
    stepMs?: number;
  }) {
    const { records } = openStore({ backend: 'memory' });
    const partnerCenter = new SandboxGateway({
      records,
      clock: { stepMs: 24 * 60 * 60 * 1000 },
      now: options.now,
      regionOf: options.regionOf,
    });
    const gdap = new GdapSandbox({
      records,
      facts: partnerCenterSandboxFacts(records),
      now: options.now,
      stepMs: options.stepMs,
    });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new GraphFake(server, gdap, partnerCenter, `http://127.0.0.1:${port}/v1.0`);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  failNext(...faults: GraphFault[]): void {
    this.faults.push(...faults);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });
    const fault = this.faults.shift();
    if (fault?.kind === 'throttle') {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      return send(res, 429, { error: { code: 'TooManyRequests', message: 'Too many requests.' } }, headers);
    }
    if (fault?.kind === 'server-error')
      return send(res, 503, { error: { code: 'serviceNotAvailable', message: 'Down.' } });
    if (fault?.kind === 'malformed') return send(res, 200, { value: [{ id: 1 }] });
    try {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
      if (!token.startsWith(TOKEN_PREFIX)) throw new GdapError('unauthorized', 'Missing or invalid bearer token.');
      const session = this.gdap.as(token.slice(TOKEN_PREFIX.length));
      const answer = await route(session, req.method ?? 'GET', url.pathname, body);
      if (answer === undefined) return send(res, 404, { error: { code: 'NotFound', message: 'No such route.' } });
      send(res, answer.status, answer.body);
    } catch (error) {
      if (!isPartnerCenterError(error))
        return send(res, 500, { error: { code: 'InternalError', message: String(error) } });
      const code = error instanceof GdapError && error.refusal ? error.refusal : String(error.code);
      send(res, error.httpStatus ?? httpStatusFor(error.code), { error: { code, message: error.message } });
    }
  }
}

async function route(
  session: ReturnType<GdapSandbox['as']>,
  method: string,
  path: string,
  body: string,
): Promise<{ status: number; body: unknown } | undefined> {
  if (!path.startsWith(BASE)) return undefined;
  const [id, sub] = path.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  const json = () => JSON.parse(body || '{}') as unknown;
  if (!id) {
    if (method === 'GET')
      return { status: 200, body: { value: (await session.listRelationships()).map(toWireRelationship) } };
    if (method !== 'POST') return undefined;
    const input = createBodyWire.parse(json());
    const fields = {
      displayName: input.displayName,
      duration: input.duration,
      autoExtendDuration: input.autoExtendDuration,
      customerTenantId: input.customer.tenantId,
      customerDisplayName: input.customer.displayName,
      roles: input.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId),
    };
    const created = input.partner
      ? await session.createResellerRelationship(input.partner.tenantId, fields)
      : await session.createRelationship(fields);
    return { status: 201, body: toWireRelationship(created) };
  }
  if (!sub && method === 'GET') return { status: 200, body: toWireRelationship(await session.getRelationship(id)) };
  if (sub === 'requests' && method === 'POST') {
    return { status: 201, body: toWireRequest(await session.request(id, requestBodyWire.parse(json()).action)) };
  }
  if (sub === 'accessAssignments' && method === 'GET') {
    return { status: 200, body: { value: (await session.listAccessAssignments(id)).map(toWireAssignment) } };
  }
  if (sub === 'accessAssignments' && method === 'POST') {
    const input = assignmentBodyWire.parse(json());
    const assignment = await session.createAccessAssignment(id, {
      securityGroupId: input.accessContainer.accessContainerId,
      roles: input.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId),
    });
    return { status: 201, body: toWireAssignment(assignment) };
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, JSON.stringify(body), headers);
}
