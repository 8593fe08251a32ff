import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';

/**
 * Card submissions at the Teams edge. An Action.Submit arrives as a message with a `value` and no
 * text; its `verb` names the command that receives it, and that command's zod schema decides what the
 * rest may be before anything runs (DESIGN: zod validates every input at the edge).
 */

/** Where the bot leaves a submission its schema accepted, for a dialog continued on the same turn. */
const PAYLOAD = Symbol('cardPayload');

/** A submission is a message that carries a `value` and no typed text. */
export function isCardSubmission(activity: Partial<Activity>): boolean {
  return !activity.text && activity.value !== undefined && activity.value !== null;
}

export function keepPayload(context: TurnContext, payload: unknown): void {
  context.turnState.set(PAYLOAD, payload);
}

/** The submission of this turn as its command's schema parsed it, or undefined (typed text, no card). */
export function payloadOf<T>(context: TurnContext): T | undefined {
  return context.turnState.get(PAYLOAD) as T | undefined;
}

/** A verb the bot already matched; only its type and size are checked again here. */
export const verbField = z.string().min(1).max(60);

/** Any text an Adaptive Card input sends: a string, bounded so a forged card cannot send megabytes. */
export const inputText = (max = 1000) => z.string().max(max);

/** A button that carries nothing but its verb (help, status, the welcome card's buttons). */
export const verbOnlyPayload = z.strictObject({ verb: verbField });
