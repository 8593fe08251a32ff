import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { errorFromResponse, isPartnerCenterError, PartnerCenterError } from './errors';
import type { CallContext, PartnerCenterGateway, PartnerCenterSession, Subscription } from './gateway';
import { parseRetryAfter, type RetryOptions, realSleep, retry } from './retry';
import { parseTenantId, type SessionOperations, validatedSession } from './validatedSession';
import * as wire from './wire';

export const DEFAULT_BASE_URL = 'https://api.partnercenter.microsoft.com';
/** Partner Center has no enrolment API: the Global admin enrols from Microsoft's onboarding page (E1, E2). */
export const DEFAULT_ENROLMENT_URL =
  'https://learn.microsoft.com/partner-center/enroll/indirect-reseller-tasks-in-partner-center';

export interface RestGatewayOptions {
  baseUrl?: string;
  /** A bearer token for Partner Center, acting as the given partner tenant (App+User where the API needs it). */
  getAccessToken: (partnerTenantId: string) => Promise<string>;
  /** Per attempt, not per logical call. */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  /** Injectable so tests do not really wait. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newId?: () => string;
  enrolmentUrl?: string;
  locale?: string;
}

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** The caller's own MS-RequestId (an idempotent create, resumed after a crash); otherwise a new one. */
  requestId?: string;
}

/**
 * The real Partner Center REST API on Node's fetch. One logical call keeps one MS-RequestId across
 * its retries, which is what makes retrying a POST safe: Partner Center treats a repeated request id
 * as the same request.
 */
export class RestGateway implements PartnerCenterGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retryOptions: RetryOptions;
  private readonly newId: () => string;

  constructor(private readonly options: RestGatewayOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.newId = options.newId ?? randomUUID;
    this.retryOptions = {
      maxAttempts: options.maxAttempts ?? 4,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
    };
  }

  as(partnerTenantId: string, context: CallContext = {}): PartnerCenterSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    const correlationId = context.correlationId ?? this.newId();
    const call = <S extends z.ZodType>(request: Request, schema: S) =>
      this.call(caller, correlationId, request, schema);
    return validatedSession(caller, this.operations(call));
  }

  private operations(
    call: <S extends z.ZodType>(request: Request, schema: S) => Promise<z.output<S>>,
  ): SessionOperations {
    return {
      getMpnProfile: async (mpnId) => {
        const profile = await call(
          { method: 'GET', path: '/v1/profiles/mpn', query: { mpnId } },
          wire.mpnProfileResponse,
        );
        return { mpnId: profile.mpnId, partnerName: profile.partnerName, country: profile.country };
      },

      validateResellers: async (partnerIds) => {
        const body: wire.Wire<typeof wire.validateResellersRequest> = { partnerIds };
        const { validationResults } = await call(
          { method: 'POST', path: '/v1/partners/validateresellers', body },
          wire.validateResellersResponse,
        );
        return validationResults;
      },

      getAgreementStatus: async (query) =>
        call({ method: 'GET', path: '/v1/compliance/csp/agreementstatus', query }, wire.agreementStatusResponse),

      listRelationships: async (type) => {
        const { items } = await call(
          { method: 'GET', path: '/v1/relationships', query: { relationship_type: type } },
          wire.relationshipsResponse,
        );
        return items.map(({ id, ...rest }) => ({ tenantId: id, ...rest }));
      },

      listOffers: async (country) => {
        const { items } = await call({ method: 'GET', path: '/v1/offers', query: { country } }, wire.offersResponse);
        return items;
      },

      createCustomer: async (input) => {
        const body: wire.Wire<typeof wire.customerRequest> = {
          CompanyProfile: { Domain: `${input.domain}.onmicrosoft.com` },
          BillingProfile: {
            Email: input.email,
            Culture: input.culture,
            Language: input.language,
            CompanyName: input.companyName,
            DefaultAddress: {
              Country: input.country,
              City: input.address.city,
              AddressLine1: input.address.line1,
              PostalCode: input.address.postalCode,
            },
          },
          AssociatedPartnerId: input.associatedPartnerId,
        };
        const customer = await call(
          { method: 'POST', path: '/v1/customers', body, requestId: input.requestId },
          wire.customerResponse,
        );
        return {
          tenantId: customer.id,
          companyName: customer.companyProfile.companyName,
          domain: customer.companyProfile.domain,
          country: customer.billingProfile.defaultAddress.country,
          associatedPartnerId: customer.associatedPartnerId,
          adminUserName: customer.userCredentials.userName,
          temporaryPassword: customer.userCredentials.password || undefined,
        };
      },

      createSubscription: async (customerTenantId, input) => {
        const body: wire.Wire<typeof wire.orderRequest> = {
          ReferenceCustomerId: customerTenantId,
          BillingCycle: 'monthly',
          LineItems: [
            {
              LineItemNumber: 0,
              OfferId: input.offerId,
              Quantity: input.quantity,
              PartnerIdOnRecord: input.resellerMpnId,
            },
          ],
        };
        const order = await call(
          {
            method: 'POST',
            path: `/v1/customers/${encodeURIComponent(customerTenantId)}/orders`,
            body,
            requestId: input.requestId,
          },
          wire.orderResponse,
        );
        const [line] = order.lineItems;
        return {
          id: line.subscriptionId,
          orderId: order.id,
          customerTenantId: order.referenceCustomerId,
          offerId: line.offerId,
          quantity: line.quantity,
          partnerIdOnRecord: line.partnerIdOnRecord,
        };
      },

      listCustomers: async ({ indirectResellerTenantId }) => {
        const filter = indirectResellerTenantId
          ? JSON.stringify({ Field: 'IndirectReseller', Value: indirectResellerTenantId, Operator: 'starts_with' })
          : undefined;
        const { items } = await call(
          { method: 'GET', path: '/v1/customers', query: { size: '500', filter } },
          wire.customersResponse,
        );
        return items.map((c) => ({
          tenantId: c.id,
          companyName: c.companyProfile.companyName,
          domain: c.companyProfile.domain,
          country: c.billingProfile?.defaultAddress?.country,
          associatedPartnerId: c.associatedPartnerId,
          email: c.billingProfile?.email,
        }));
      },

      listSubscriptions: async (customerTenantId) => {
        const base = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions`;
        const { items } = await call({ method: 'GET', path: base }, wire.subscriptionsResponse);
        // The designated support contact is its own resource; a subscription without one answers 404.
        return Promise.all(
          items.map(async (item) => {
            const contact = await call(
              { method: 'GET', path: `${base}/${encodeURIComponent(item.id)}/supportcontact` },
              wire.supportContactResponse,
            ).catch((error: unknown) => {
              if (isPartnerCenterError(error) && error.code === 'not-found') return undefined;
              throw error;
            });
            return { ...fromSubscriptionResource(customerTenantId, item), supportContact: contact };
          }),
        );
      },

      updatePartnerOfRecord: async (customerTenantId, subscriptionId, resellerMpnId) => {
        const body: wire.Wire<typeof wire.subscriptionPatchRequest> = { PartnerId: resellerMpnId };
        const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
        const item = await call({ method: 'PATCH', path, body }, wire.subscriptionResource);
        return fromSubscriptionResource(customerTenantId, item);
      },

      setSupportContact: async (customerTenantId, subscriptionId, contact) => {
        const body: wire.Wire<typeof wire.supportContactRequest> = {
          SupportTenantId: contact.supportTenantId,
          SupportMpnId: contact.supportMpnId,
          Name: contact.name,
        };
        const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions/${encodeURIComponent(subscriptionId)}/supportcontact`;
        return call({ method: 'PUT', path, body }, wire.supportContactResponse);
      },

      getCustomerRelationshipRequestLink: async ({ resellerTenantId, providerTenantId }) =>
        call(
          {
            method: 'GET',
            path: '/v1/customers/relationshiprequests',
            query: { indirectResellerId: resellerTenantId, indirectCloudSolutionProviderId: providerTenantId },
          },
          wire.relationshipRequestResponse,
        ),

      getLegalBusinessProfile: async () => {
        const profile = await call(
          { method: 'GET', path: '/v1/profiles/legalbusiness', query: { vettingVersion: 'Current' } },
          wire.legalBusinessResponse,
        );
        return {
          companyName: profile.companyName,
          country: profile.address.country,
          primaryContactEmail: profile.primaryContact?.email,
          vettingStatus: profile.vettingStatus,
          vettingSubStatus: profile.vettingSubStatus,
        };
      },

      submitEnrolment: async () => ({
        kind: 'complete-in-portal',
        url: this.options.enrolmentUrl ?? DEFAULT_ENROLMENT_URL,
      }),
    };
  }

  private url(request: Request): string {
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  private async call<S extends z.ZodType>(
    partnerTenantId: string,
    correlationId: string,
    request: Request,
    schema: S,
  ): Promise<z.output<S>> {
    const requestId = request.requestId ?? this.newId();
    const url = this.url(request);
    return retry(
      () => this.attempt(partnerTenantId, { requestId, correlationId }, url, request, schema),
      (error) => (isPartnerCenterError(error) ? error : { retryable: false }),
      this.retryOptions,
    );
  }

  private async attempt<S extends z.ZodType>(
    partnerTenantId: string,
    ids: { requestId: string; correlationId: string },
    url: string,
    request: Request,
    schema: S,
  ): Promise<z.output<S>> {
    let token: string;
    try {
      token = await this.options.getAccessToken(partnerTenantId);
    } catch (cause) {
      throw new PartnerCenterError('unauthorized', 'No access token for Partner Center.', { cause });
    }
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
      'X-Locale': this.options.locale ?? 'en-US',
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';

    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      // The one signal covers the answer's body too, so a server that stalls mid-body also times out.
      const response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (cause) {
      const name = (cause as { name?: string } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PartnerCenterError('timeout', `Partner Center did not answer within ${this.timeoutMs} ms.`, {
          cause,
        });
      }
      throw new PartnerCenterError('unavailable', 'Partner Center could not be reached.', { cause });
    }

    if (status < 200 || status >= 300) {
      const body = wire.errorBody.safeParse(safeJson(text));
      throw errorFromResponse(status, body.success ? body.data : undefined, parseRetryAfter(retryAfter));
    }
    const json = safeJson(text);
    const parsed = json === undefined ? undefined : schema.safeParse(json);
    if (!parsed?.success) {
      throw new PartnerCenterError(
        'malformed-response',
        `Partner Center's answer to ${request.method} ${request.path} was not what it documents.`,
        {
          httpStatus: status,
          cause: parsed?.error,
        },
      );
    }
    return parsed.data;
  }
}

function fromSubscriptionResource(
  customerTenantId: string,
  item: z.output<typeof wire.subscriptionResource>,
): Subscription {
  return {
    id: item.id,
    orderId: item.orderId,
    customerTenantId,
    offerId: item.offerId,
    offerName: item.offerName,
    quantity: item.quantity,
    partnerIdOnRecord: item.partnerId,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
