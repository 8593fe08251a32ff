import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What every log line written while a request is served carries: the request id, and what the edges
 * learn along the way (the Bot Framework activity and conversation, the Slack team and request type).
 * Kept in AsyncLocalStorage so a line written deep in a service still names its request without any
 * logger being handed down.
 */
export interface RequestFields {
  reqId: string;
  activityId?: string;
  activityType?: string;
  conversationId?: string;
  slackTeam?: string;
  slackType?: string;
}

const storage = new AsyncLocalStorage<RequestFields>();

/** A caller's id is kept when it is a plain token (a proxy's or load balancer's); anything else is replaced. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` (and everything it starts) inside a request's context; `fields` is shared, so additions stick. */
export function runInRequest<T>(fields: RequestFields, work: () => T): T {
  return storage.run(fields, work);
}

/** Adds what an edge has learnt about the current request; outside a request it does nothing. */
export function describeRequest(fields: Omit<Partial<RequestFields>, 'reqId'>): void {
  const current = storage.getStore();
  if (!current) return;
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) (current as unknown as Record<string, unknown>)[name] = value;
  }
}

/** The current request's fields, for pino's `mixin`: an empty object outside a request. */
export function currentRequestFields(): Partial<RequestFields> {
  return storage.getStore() ?? {};
}
