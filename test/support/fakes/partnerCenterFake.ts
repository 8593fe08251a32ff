import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { httpStatusFor, isPartnerCenterError, PartnerCenterError } from '../../../services/partnerCenter/errors';
import type { PartnerCenterSession } from '../../../services/partnerCenter/gateway';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import * as wire from '../../../services/partnerCenter/wire';
import { openStore } from '../../../services/storage/openStore';

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
      const result = await this.route(session, req.method ?? 'GET', url, bodyText);
      return {
        status: result === undefined ? 404 : 200,
        body: JSON.stringify(result ?? { description: 'No such route.' }),
      };
    } catch (error) {
      if (!isPartnerCenterError(error)) return { status: 500, body: JSON.stringify({ description: String(error) }) };
      const code = typeof error.code === 'number' ? error.code : undefined;
      return { status: httpStatusFor(error.code), body: JSON.stringify({ code, description: error.message }) };
    }
  }

  /** The documented routes; undefined for anything else (404). */
  private async route(session: PartnerCenterSession, method: string, url: URL, bodyText: string): Promise<unknown> {
    const q = (name: string) => url.searchParams.get(name) ?? undefined;
    const route = `${method} ${url.pathname}`;

    if (route === 'GET /v1/profiles/mpn') {
      const profile = await session.getMpnProfile(q('mpnId') ?? '');
      return profile satisfies wire.Wire<typeof wire.mpnProfileResponse>;
    }
    if (route === 'POST /v1/partners/validateresellers') {
      const { partnerIds } = parseBody(wire.validateResellersRequest, bodyText);
      const validationResults = await session.validateResellers(partnerIds);
      return { validationResults } satisfies wire.Wire<typeof wire.validateResellersResponse>;
    }
    if (route === 'GET /v1/compliance/csp/agreementstatus') {
      // Passed on as received: the session itself answers 2000 / 2001 for both or neither.
      const query = { mpnId: q('mpnId'), tenantId: q('tenantId') } as { mpnId: string };
      return (await session.getAgreementStatus(query)) satisfies wire.Wire<typeof wire.agreementStatusResponse>;
    }
    if (route === 'GET /v1/relationships') {
      const items = await session.listRelationships(q('relationship_type') as 'IsIndirectResellerOf');
      return {
        totalCount: items.length,
        items: items.map(({ tenantId, ...rest }) => ({ id: tenantId, ...rest })),
      } satisfies wire.Wire<typeof wire.relationshipsResponse>;
    }
    if (route === 'GET /v1/offers') {
      const items = await session.listOffers(q('country') ?? '');
      return { totalCount: items.length, items } satisfies wire.Wire<typeof wire.offersResponse>;
    }
    if (route === 'POST /v1/customers') {
      const body = parseBody(wire.customerRequest, bodyText);
      const address = body.BillingProfile.DefaultAddress;
      const customer = await session.createCustomer({
        associatedPartnerId: body.AssociatedPartnerId,
        companyName: body.BillingProfile.CompanyName,
        domain: body.CompanyProfile.Domain,
        country: address.Country,
        email: body.BillingProfile.Email,
        address: { line1: address.AddressLine1, city: address.City, postalCode: address.PostalCode },
        culture: body.BillingProfile.Culture,
        language: body.BillingProfile.Language,
      });
      return {
        id: customer.tenantId,
        companyProfile: { domain: customer.domain, companyName: customer.companyName },
        billingProfile: { defaultAddress: { country: customer.country } },
        associatedPartnerId: customer.associatedPartnerId,
        userCredentials: { userName: customer.adminUserName, password: customer.temporaryPassword },
      } satisfies wire.Wire<typeof wire.customerResponse>;
    }
    const orders = /^\/v1\/customers\/([^/]+)\/orders$/.exec(url.pathname);
    if (method === 'POST' && orders) {
      const body = parseBody(wire.orderRequest, bodyText);
      const [line] = body.LineItems;
      if (!line) throw new PartnerCenterError('invalid-input', 'An order needs a line item.');
      const subscription = await session.createSubscription(decodeURIComponent(orders[1]), {
        offerId: line.OfferId,
        quantity: line.Quantity,
        resellerMpnId: line.PartnerIdOnRecord,
      });
      return {
        id: subscription.orderId,
        referenceCustomerId: subscription.customerTenantId,
        lineItems: [
          {
            lineItemNumber: line.LineItemNumber,
            offerId: subscription.offerId,
            subscriptionId: subscription.id,
            quantity: subscription.quantity,
            partnerIdOnRecord: subscription.partnerIdOnRecord,
          },
        ],
      } satisfies wire.Wire<typeof wire.orderResponse>;
    }
    if (route === 'GET /v1/customers') {
      const filter = q('filter');
      let reseller: string | undefined;
      if (filter) {
        const parsed = JSON.parse(filter) as { Field?: string; Value?: string; Operator?: string };
        if (parsed.Field !== 'IndirectReseller' || parsed.Operator !== 'starts_with') {
          throw new PartnerCenterError('invalid-input', 'Unsupported customer filter.');
        }
        reseller = parsed.Value;
      }
      const items = await session.listCustomers({ indirectResellerTenantId: reseller });
      return {
        totalCount: items.length,
        items: items.map((c) => ({
          id: c.tenantId,
          companyProfile: { domain: c.domain, companyName: c.companyName },
          billingProfile: { email: c.email, defaultAddress: { country: c.country } },
          associatedPartnerId: c.associatedPartnerId,
        })),
      } satisfies wire.Wire<typeof wire.customersResponse>;
    }
    const subscriptions = /^\/v1\/customers\/([^/]+)\/subscriptions(?:\/([^/]+)(\/supportcontact)?)?$/.exec(
      url.pathname,
    );
    if (subscriptions) {
      const customer = decodeURIComponent(subscriptions[1]);
      const id = subscriptions[2] === undefined ? undefined : decodeURIComponent(subscriptions[2]);
      const asResource = (s: Awaited<ReturnType<PartnerCenterSession['listSubscriptions']>>[number]) => ({
        id: s.id,
        offerId: s.offerId,
        offerName: s.offerName,
        quantity: s.quantity,
        orderId: s.orderId,
        partnerId: s.partnerIdOnRecord,
      });
      if (method === 'GET' && id === undefined) {
        const items = (await session.listSubscriptions(customer)).map(asResource);
        return { totalCount: items.length, items } satisfies wire.Wire<typeof wire.subscriptionsResponse>;
      }
      if (method === 'PATCH' && id && !subscriptions[3]) {
        const body = parseBody(wire.subscriptionPatchRequest, bodyText);
        return asResource(await session.updatePartnerOfRecord(customer, id, body.PartnerId)) satisfies wire.Wire<
          typeof wire.subscriptionResource
        >;
      }
      if (method === 'GET' && id && subscriptions[3]) {
        const found = (await session.listSubscriptions(customer)).find((s) => s.id === id);
        if (!found?.supportContact) throw new PartnerCenterError('not-found', 'No designated support contact.');
        return found.supportContact satisfies wire.Wire<typeof wire.supportContactResponse>;
      }
      if (method === 'PUT' && id && subscriptions[3]) {
        const body = parseBody(wire.supportContactRequest, bodyText);
        return (await session.setSupportContact(customer, id, {
          supportTenantId: body.SupportTenantId,
          supportMpnId: body.SupportMpnId,
          name: body.Name,
        })) satisfies wire.Wire<typeof wire.supportContactResponse>;
      }
    }
    if (route === 'GET /v1/customers/relationshiprequests') {
      return (await session.getCustomerRelationshipRequestLink({
        resellerTenantId: q('indirectResellerId') ?? '',
        providerTenantId: q('indirectCloudSolutionProviderId') ?? '',
      })) satisfies wire.Wire<typeof wire.relationshipRequestResponse>;
    }
    if (route === 'GET /v1/profiles/legalbusiness') {
      const p = await session.getLegalBusinessProfile();
      return {
        companyName: p.companyName,
        address: { country: p.country },
        primaryContact: { email: p.primaryContactEmail },
        vettingStatus: p.vettingStatus,
        vettingSubStatus: p.vettingSubStatus,
      } satisfies wire.Wire<typeof wire.legalBusinessResponse>;
    }
    return undefined;
  }
}

function parseBody<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PartnerCenterError('invalid-input', 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new PartnerCenterError('invalid-input', 'The request body does not match the documented shape.');
  return parsed.data;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}
