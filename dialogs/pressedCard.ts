import type { Attachment, TurnContext } from 'botbuilder';

/**
 * Said once: the card a button was pressed on is redrawn with what is true now, so its old buttons
 * cannot be pressed again and the news is not repeated in a message below it. True when the card was
 * redrawn; false when there was no card to redraw or the channel refused, and the caller then says it
 * in a message instead. A refusal never costs the person the answer.
 */
export async function redrawPressedCard(
  context: TurnContext,
  attachments: Attachment[],
  onRefused?: (error: unknown) => void,
): Promise<boolean> {
  const id = context.activity.replyToId;
  if (!id) return false;
  try {
    await context.updateActivity({ id, type: 'message', attachments });
    return true;
  } catch (error) {
    onRefused?.(error);
    return false;
  }
}
