/**
 * What Slack would show of a payload, by how it reads it: mrkdwn text objects (and a message's `text`,
 * mrkdwn too) decode `&amp;`, `&lt;`, `&gt;` and read `<…>` as links and mentions; plain_text objects and
 * an input's initial value are shown as they are. For tests of what a person typed (Slack escaping).
 */
export interface SlackTexts {
  mrkdwn: string[];
  plain: string[];
}

export function slackTextsOf(payload: unknown, found: SlackTexts = { mrkdwn: [], plain: [] }): SlackTexts {
  if (Array.isArray(payload)) for (const item of payload) slackTextsOf(item, found);
  else if (payload && typeof payload === 'object') {
    const node = payload as Record<string, unknown>;
    if (typeof node.text === 'string') (node.type === 'plain_text' ? found.plain : found.mrkdwn).push(node.text);
    if (typeof node.initial_value === 'string') found.plain.push(node.initial_value);
    for (const [key, value] of Object.entries(node))
      if (key !== 'text' || typeof value !== 'string') slackTextsOf(value, found);
  }
  return found;
}

/** `text` as it must be written in mrkdwn to read as typed. */
export const inMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
