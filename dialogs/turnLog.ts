import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

/**
 * Where the bot's edge leaves the log fields of the request a turn serves (its id, the activity and the
 * conversation: bot/observability/requestContext.ts), in the turn's own state, so a line about the turn
 * names its request without AsyncLocalStorage's promise hooks (issue 18).
 */
export const TURN_LOG_FIELDS = Symbol('the log fields of the request a turn serves');

/** `logger` with the turn's request fields (a child logger, made only when a line is written). */
export function turnLogger(logger: Logger, context: TurnContext): Logger {
  const fields = context.turnState.get(TURN_LOG_FIELDS) as Record<string, unknown> | undefined;
  return fields ? logger.child(fields) : logger;
}

/**
 * The activity's id for a line about the turn, unless the request's fields name it already: pino writes a
 * field given twice twice, and a JSON line with a key twice is read differently by different tools.
 */
export function turnActivityId(context: TurnContext): { activityId?: string } {
  return context.turnState.get(TURN_LOG_FIELDS) ? {} : { activityId: context.activity.id };
}
