import type { ConnectorClient } from 'botframework-connector';

type OperationSpec = Parameters<ConnectorClient['sendOperationRequest']>[1];
type BodyMapper = NonNullable<OperationSpec['requestBody']>['mapper'];

/**
 * A connector client that writes the activities it sends (a reply, a new message, a card updated in
 * place) as JSON as they are, instead of through botframework-connector's Activity mapper.
 *
 * The mapper walks the Activity schema property by property for every send, its accounts, attachments
 * and entities included, to build a copy that `JSON.stringify` then writes. Without it a warm enrolment
 * step costs 5.10 M instructions instead of 5.27 (without the compiler, −3.2 %; bench/README.md, session
 * 40); every `help` turn and proactive delivery skips the same walk. Microsoft's successor SDK
 * (`@microsoft/agents-hosting`) posts the activity as JSON too.
 *
 * What the mapper did besides copying, and why it is not missed:
 * - it left out properties the schema does not name: the product builds its activities with botbuilder's
 *   own types and factories, so there are none (the test connector checks every body a journey sends);
 * - it checked types before sending, and threw: the types are TypeScript's now, and a malformed body
 *   would be refused by the connector instead (a 400, a RestError like any other refusal);
 * - it wrote dates as ISO strings in UTC: `JSON.stringify` writes a Date the same way (a date given as a
 *   string would now go as it is; the product gives Dates).
 *
 * Only the request body changes. The operation's path, its parameters, its answers and its errors (a
 * RestError with the status code, which the notifier reads for 429, 403 and 404) are the library's own,
 * since the library's own operation description is used with one mapper swapped.
 */
export function withPlainActivityBodies(client: ConnectorClient): ConnectorClient {
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (operationArguments, operationSpec, callback) =>
    send(operationArguments, plainActivityBody(operationSpec), callback);
  return client;
}

/** Written as it is: core-client's serializer passes an `any` value through untouched. */
const AS_IT_IS: BodyMapper['type'] = { name: 'any' };

/** One changed description per operation of the library, made the first time it is used. */
const changed = new WeakMap<OperationSpec, OperationSpec>();

function plainActivityBody(spec: OperationSpec): OperationSpec {
  const body = spec.requestBody;
  if (!body || !isActivityMapper(body.mapper)) return spec;
  let plain = changed.get(spec);
  if (!plain) {
    plain = { ...spec, requestBody: { ...body, mapper: { ...body.mapper, type: AS_IT_IS } } };
    changed.set(spec, plain);
  }
  return plain;
}

function isActivityMapper(mapper: BodyMapper): boolean {
  return mapper.type.name === 'Composite' && 'className' in mapper.type && mapper.type.className === 'Activity';
}
