import type { Activity } from 'botbuilder';

/**
 * The command a message asks for: the first word of its text with the bot's @mention removed,
 * or the `verb` of a card's Action.Submit. Lower-cased; the rest of the text is `args`.
 */
export function commandOf(activity: Partial<Activity>): { command: string; args: string } | undefined {
  const value = activity.value as { verb?: unknown } | undefined;
  if (!activity.text && value && typeof value.verb === 'string') {
    return { command: value.verb.toLowerCase(), args: '' };
  }
  const text = stripMentions(activity.text ?? '', activity)
    .replace(/^\/+/, '')
    .trim();
  if (!text) return undefined;
  const [word, ...rest] = text.split(/\s+/);
  return { command: word.toLowerCase(), args: rest.join(' ') };
}

function stripMentions(text: string, activity: Partial<Activity>): string {
  let out = text;
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && typeof entity.text === 'string') out = out.split(entity.text).join(' ');
  }
  return out.replace(/<at>[^<]*<\/at>/g, ' ');
}
