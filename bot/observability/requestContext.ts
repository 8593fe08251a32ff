import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';

/**
 * What every log line written while a request is served carries: the request id, and what the edges
 * learn along the way (the Bot Framework activity and conversation, the Slack team and request type).
 *
 * The fields ride on the objects the request's code already holds, not in AsyncLocalStorage: on Node 20,
 * AsyncLocalStorage turns on promise hooks for every promise of the process, once any request has used it,
 * and that cost the Teams enrolment step 38 KB of allocations and about an eighth of its main thread a
 * turn (issue 18, bench/README.md "Request context without promise hooks"). The carriers: the HTTP
 * request, the Teams activity (a turn's `TurnContext.activity` is the very object the endpoint received),
 * and a Slack listener's `context.requestFields` (`slackRequestProperties`).
 */
export interface RequestFields {
  reqId: string;
  activityId?: string;
  activityType?: string;
  conversationId?: string;
  slackTeam?: string;
  slackType?: string;
}

const fieldsOf = new WeakMap<object, RequestFields>();

/** A caller's id is kept when it is a plain token (a proxy's or load balancer's); anything else is replaced. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

/** A request begins: its fields, carried by `request` from now on. */
export function beginRequest(request: object, idHeader: string | string[] | undefined): RequestFields {
  const fields: RequestFields = { reqId: requestIdFrom(idHeader) };
  fieldsOf.set(request, fields);
  // The fields carry themselves: what Bolt copies into a listener's context is then a carrier too.
  fieldsOf.set(fields, fields);
  return fields;
}

/** `to` carries the same fields as `from` (one object: what either learns later, both carry). */
export function carryRequest(from: object, to: object): void {
  const fields = fieldsOf.get(from);
  if (fields) fieldsOf.set(to, fields);
}

/** Adds what an edge has learnt about the request `carrier` belongs to; for any other object it does nothing. */
export function describeRequest(carrier: object, fields: Omit<Partial<RequestFields>, 'reqId'>): void {
  const current = fieldsOf.get(carrier);
  if (!current) return;
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) (current as unknown as Record<string, unknown>)[name] = value;
  }
}

/** The fields of the request `carrier` belongs to, if it belongs to one. */
export function requestFieldsOf(carrier: object | undefined): RequestFields | undefined {
  return carrier ? fieldsOf.get(carrier) : undefined;
}

/**
 * `logger` with the fields of the request `carrier` belongs to (a child logger, made only when a line is
 * about to be written), or `logger` itself outside a request.
 */
export function requestLogger(logger: Logger, carrier: object | undefined): Logger {
  const fields = requestFieldsOf(carrier);
  return fields ? logger.child(fields) : logger;
}

/**
 * What Bolt's HTTPReceiver copies into every listener's `context` (its `customPropertiesExtractor`): the
 * request's fields, by reference, as `context.requestFields`, itself a carrier.
 */
export function slackRequestProperties(request: object): { requestFields?: RequestFields } {
  const fields = fieldsOf.get(request);
  return fields ? { requestFields: fields } : {};
}
