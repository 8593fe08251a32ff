/**
 * Block Kit's text objects and the modal text input, cut to Slack's limits, shared by every Slack
 * builder so no builder applies a limit its own way. One object rather than loose functions:
 * test/cards/slackBlocks.test.ts calls every function exported from cards/slack as a builder of whole
 * blocks or views, and these are parts of them, checked through the builders that use them.
 */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/i18n';
import { type Language, SUPPORTED_LANGUAGES } from '../../i18n/languages';

/** The action id of every modal input; its block id names the field. */
export const INPUT_ACTION = 'value';

/** Plain text, cut to `max` characters (150: a header's limit; 75: a button's or an option's). */
const plain = (text: string, max = 150) => ({ type: 'plain_text' as const, text: text.slice(0, max), emoji: true });

/**
 * Formatted text, cut to a section's 3000 characters; an entity the cut split (`&am`) goes, as its values
 * arrive escaped (i18n/slackMrkdwn.ts) and half an entity would read as `&am`.
 */
const mrkdwn = (text: string) => ({
  type: 'mrkdwn' as const,
  text: text.length > 3000 ? text.slice(0, 3000).replace(/&[a-z]*$/, '') : text,
});

/** `text` in at most `max` characters, an ellipsis saying where it was cut. */
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function textInput(
  blockId: string,
  label: string,
  options: { initial?: string; optional?: boolean; hint?: string; multiline?: boolean; placeholder?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: options.multiline ?? false,
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  };
}

/** A choice of the languages we speak, each named in its own language's catalog name, `initial` chosen. */
function languageSelect(
  t: Translate,
  blockId: string,
  label: string,
  initial: Language,
  options: { hint?: string } = {},
): KnownBlock {
  const option = (language: Language) => ({ text: plain(t(`common:languageName.${language}`)), value: language });
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'static_select',
      action_id: INPUT_ACTION,
      options: SUPPORTED_LANGUAGES.map(option),
      initial_option: option(initial),
    },
  };
}

export const blockKit = { plain, mrkdwn, shorten, textInput, languageSelect } as const;
