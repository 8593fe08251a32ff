import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { errorFromResponse, isPartnerCenterError, PartnerCenterError } from './errors';
import { exchange, safeJson } from './httpExchange';
import { parseRetryAfter, type RetryOptions, retry, retryOptionsFrom } from './retry';
import * as wire from './wire';

/**
 * How the REST client talks to Partner Center, whatever the route: a bearer token for the acting partner,
 * the MS-RequestId and MS-CorrelationId headers, a timeout per attempt, retries, and an answer checked
 * against its documented shape. One logical call keeps one MS-RequestId across its retries, which is
 * what makes retrying a POST safe: Partner Center treats a repeated request id as the same request.
 */
export interface RestTransportOptions {
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
  locale?: string;
}

export const DEFAULT_BASE_URL = 'https://api.partnercenter.microsoft.com';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** The caller's own MS-RequestId (an idempotent create, resumed after a crash); otherwise a new one. */
  requestId?: string;
}

/** One route called as one partner, within one correlation: what the route files are given. */
export type RestCall = <S extends z.ZodType>(request: RestRequest, schema: S) => Promise<z.output<S>>;

export class RestTransport {
  readonly newId: () => string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retryOptions: RetryOptions;

  constructor(private readonly options: RestTransportOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.newId = options.newId ?? randomUUID;
    this.retryOptions = retryOptionsFrom(options);
  }

  /** Calls made as `partnerTenantId`, all carrying the one correlation id. */
  callerFor(partnerTenantId: string, correlationId: string): RestCall {
    return (request, schema) => this.call(partnerTenantId, correlationId, request, schema);
  }

  private url(request: RestRequest): string {
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  private async call<S extends z.ZodType>(
    partnerTenantId: string,
    correlationId: string,
    request: RestRequest,
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
    request: RestRequest,
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

    const { status, retryAfter, text } = await exchange(
      url,
      {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      },
      this.timeoutMs,
      (code, description, cause) => new PartnerCenterError(code, description, { cause }),
      'Partner Center',
    );

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
