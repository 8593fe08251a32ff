import { z } from 'zod';

/**
 * The least a signed Slack body must be before Bolt reads it. Bolt dereferences these fields without
 * checking them (`body.ssl_check`, `body.event.channel`, `body.view.callback_id`, `body.user.id`), so a
 * signed `null` or a payload missing one would throw inside the receiver instead of being refused.
 * Each kind is recognised the way Bolt's `getTypeAndConversation` recognises it.
 */
const id = z.looseObject({ id: z.string() });
const interactive = z.looseObject({
  type: z.string(),
  user: z.looseObject({ id: z.string() }),
  team: id.nullish(),
  channel: id.nullish(),
  enterprise: id.nullish(),
});

const eventEnvelope = z.looseObject({
  event: z.looseObject({
    type: z.string(),
    channel: z.union([z.string(), z.looseObject({})]).optional(),
    item: z.looseObject({}).optional(),
    user: z.union([z.string(), z.looseObject({})]).optional(),
    subteam: z.looseObject({}).optional(),
  }),
});
const commandEnvelope = z.looseObject({
  command: z.string(),
  text: z.string(),
  team_id: z.string(),
  user_id: z.string(),
  channel_id: z.string(),
});
const actionsEnvelope = interactive.extend({
  actions: z.array(z.looseObject({ type: z.string(), action_id: z.string().optional() })),
});
const viewEnvelope = interactive.extend({
  view: z.looseObject({ id: z.string(), callback_id: z.string() }),
});
/** ssl_check and url_verification are answered by Bolt before any listener runs. */
const probeEnvelope = z.union([
  z.looseObject({ ssl_check: z.string() }),
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
]);

export function isSlackEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const fields = body as Record<string, unknown>;
  if ('ssl_check' in fields || fields.type === 'url_verification') return probeEnvelope.safeParse(body).success;
  if ('event' in fields) return eventEnvelope.safeParse(body).success;
  if ('command' in fields) return commandEnvelope.safeParse(body).success;
  if ('actions' in fields) return actionsEnvelope.safeParse(body).success;
  if (fields.type === 'view_submission' || fields.type === 'view_closed') return viewEnvelope.safeParse(body).success;
  if (['shortcut', 'message_action', 'block_suggestion', 'dialog_submission'].includes(String(fields.type))) {
    return interactive.safeParse(body).success;
  }
  // Anything else Bolt does not route: refuse it here rather than let it wait for a listener.
  return false;
}
