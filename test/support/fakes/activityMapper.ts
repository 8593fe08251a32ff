import { isDeepStrictEqual } from 'node:util';
import { createSerializer } from '@azure/core-client';
// The library's Activity mapper is not exported from the package's root; a test may reach for it.
import * as ConnectorMappers from 'botframework-connector/lib/connectorApi/models/mappers';

const serializer = createSerializer(ConnectorMappers);
const ACTIVITY = { ...ConnectorMappers.Activity, required: true };

/**
 * Why a body the assistant sent is not what botframework-connector's Activity mapper would have written
 * for the same activity, or undefined when it is. The assistant writes activities as JSON as they are
 * (bot/teams/plainActivityBodies.ts); a body the mapper would change (a property the schema does not name,
 * a date not in UTC, a value of the wrong type) is one Teams would have received differently before.
 */
export function unlikeTheMapper(body: unknown): string | undefined {
  let written: unknown;
  try {
    written = JSON.parse(JSON.stringify(serializer.serialize(ACTIVITY, body, 'activity')));
  } catch (error) {
    return `the mapper refuses it: ${(error as Error).message}`;
  }
  if (isDeepStrictEqual(written, body)) return undefined;
  const sent = body as Record<string, unknown>;
  const mapped = (written ?? {}) as Record<string, unknown>;
  const differing = [...new Set([...Object.keys(sent), ...Object.keys(mapped)])].filter(
    (key) => !isDeepStrictEqual(sent[key], mapped[key]),
  );
  return differing.map((key) => `${key}: sent ${shown(sent[key])}, the mapper writes ${shown(mapped[key])}`).join('; ');
}

function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
