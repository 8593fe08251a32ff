import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { errorFromResponse, isPartnerCenterError, PartnerCenterError } from '../partnerCenter/errors';
import { exchange, safeJson } from '../partnerCenter/httpExchange';
import { parseRetryAfter, type RetryOptions, retry, retryOptionsFrom } from '../partnerCenter/retry';
import { GdapError, isGdapRefusalCode } from './gdapErrors';
import { graphErrorBody } from './graphWire';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export interface GraphTransportOptions {
  baseUrl?: string;
  /** A bearer token for Microsoft Graph acting as the given partner tenant (DelegatedAdminRelationship.ReadWrite.All). */
  getAccessToken: (partnerTenantId: string) => Promise<string>;
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newId?: () => string;
}

export interface GraphRequest {
  method: 'GET' | 'POST';
  /** Below the base URL, or an absolute `@odata.nextLink`. */
  path: string;
  body?: unknown;
}

export type GraphCall = <S extends z.ZodType>(request: GraphRequest, schema: S) => Promise<z.output<S>>;

/**
 * How the GDAP client talks to Microsoft Graph: Partner Center's retry (retry.ts: backoff with jitter,
 * Retry-After honoured) and error mapping (errors.ts: 429 throttled, 5xx unavailable, 401/403, 404, 409),
 * with Graph's own headers (`client-request-id`) and error body (`{ error: { code, message } }`), whose
 * code, when it is one of ours (gdapErrors.ts), travels as the refusal. Graph has no idempotency header
 * like Partner Center's MS-RequestId, so a POST is retried only when throttled (429: Graph did nothing);
 * after an outage or a timeout it may have acted, and the caller reads the list again instead.
 */
export class GraphTransport {
  readonly newId: () => string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retryOptions: RetryOptions;

  constructor(private readonly options: GraphTransportOptions) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.newId = options.newId ?? randomUUID;
    this.retryOptions = retryOptionsFrom(options);
  }

  callerFor(partnerTenantId: string, correlationId: string): GraphCall {
    return (request, schema) =>
      retry(
        () => this.attempt(partnerTenantId, correlationId, request, schema),
        (error) =>
          isPartnerCenterError(error) && (request.method === 'GET' || error.code === 'throttled')
            ? error
            : { retryable: false },
        this.retryOptions,
      );
  }

  private async attempt<S extends z.ZodType>(
    partnerTenantId: string,
    correlationId: string,
    request: GraphRequest,
    schema: S,
  ): Promise<z.output<S>> {
    let token: string;
    try {
      token = await this.options.getAccessToken(partnerTenantId);
    } catch (cause) {
      throw new GdapError('unauthorized', 'No access token for Microsoft Graph.', { cause });
    }
    const url = /^https?:\/\//.test(request.path) ? request.path : `${this.baseUrl}${request.path}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'client-request-id': correlationId,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const { status, retryAfter, text } = await exchange(
      url,
      { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) },
      this.timeoutMs,
      (code, description, cause) => new GdapError(code, description, { cause }),
      'Microsoft Graph',
    );
    if (status < 200 || status >= 300) throw graphError(status, safeJson(text), parseRetryAfter(retryAfter));
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new GdapError(
        'malformed-response',
        `Graph's answer to ${request.method} ${request.path} was not what it documents.`,
        {
          httpStatus: status,
          cause: parsed.error,
        },
      );
    }
    return parsed.data;
  }
}

/** Partner Center's status mapping, with Graph's refusal code kept when it is one the product decides on. */
function graphError(status: number, json: unknown, retryAfterMs?: number): PartnerCenterError {
  const body = graphErrorBody.safeParse(json);
  const code = body.success ? body.data.error.code : undefined;
  const message = (body.success ? body.data.error.message : undefined) ?? `Microsoft Graph answered HTTP ${status}.`;
  const mapped = errorFromResponse(status, { description: message }, retryAfterMs);
  const named = typeof mapped.code === 'number' ? 'invalid-input' : mapped.code;
  return new GdapError(named, message, {
    refusal: isGdapRefusalCode(code) ? code : undefined,
    httpStatus: status,
    retryAfterMs,
  });
}
