/**
 * What Teams would show of an activity, by how it reads each text: the message's `text` and an Adaptive
 * Card's TextBlock and facts are markdown (i18n/teamsMarkdown.ts); an input's value, label, placeholder
 * and error, a choice's or toggle's title and a button's title are shown as they are. For tests of what
 * a person typed (Teams escaping).
 */
export interface TeamsTexts {
  markdown: string[];
  plain: string[];
}

const PLAIN_KEYS = ['value', 'label', 'placeholder', 'errorMessage', 'title'];

function cardTexts(node: unknown, found: TeamsTexts, inFacts = false): void {
  if (Array.isArray(node)) for (const item of node) cardTexts(item, found, inFacts);
  else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (inFacts) {
      for (const key of ['title', 'value']) if (typeof element[key] === 'string') found.markdown.push(element[key]);
    } else if (element.type === 'TextBlock' && typeof element.text === 'string') found.markdown.push(element.text);
    else if (typeof element.type === 'string' && /^(Input|Action)\./.test(element.type)) {
      for (const key of PLAIN_KEYS) if (typeof element[key] === 'string') found.plain.push(element[key]);
    } else if (!element.type && typeof element.title === 'string') found.plain.push(element.title); // a choice
    for (const [key, value] of Object.entries(element))
      if (typeof value === 'object') cardTexts(value, found, key === 'facts');
  }
}

/** An activity's (or a list of them, or a card's) texts, split by how Teams reads them. */
export function teamsTextsOf(payload: unknown, found: TeamsTexts = { markdown: [], plain: [] }): TeamsTexts {
  if (Array.isArray(payload)) for (const item of payload) teamsTextsOf(item, found);
  else if (payload && typeof payload === 'object') {
    const activity = payload as {
      text?: unknown;
      attachments?: Array<{ content?: unknown }>;
      type?: unknown;
      content?: unknown;
    };
    if (activity.type === 'AdaptiveCard') cardTexts(activity, found);
    else if (activity.content)
      cardTexts(activity.content, found); // an attachment
    else {
      if (typeof activity.text === 'string') found.markdown.push(activity.text);
      for (const attachment of activity.attachments ?? []) cardTexts(attachment.content, found);
    }
  }
  return found;
}

/** `text` as it must be written in Teams' markdown to read as typed (for the names the tests use). */
export const inTeamsMarkdown = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]]/g, '\\$&');
