/**
 * Teams reads a bot's message text as markdown (what Teams and the Agents Playground do with a message
 * whose `textFormat` is unset, as botbuilder sends it) with a subset of HTML, and an Adaptive Card's
 * TextBlock and Fact title and value as a markdown subset (CommonMark's: `**`, `_`, lists, `[title](url)`).
 * So a reseller called `Smith & Sons <EU>` loses `<EU>` as an unknown tag, `*Anna*_Nowak` turns
 * italic, and an `&amp;` someone typed collapses to `&`. A value is written so each of those reads as
 * typed: `&`, `<` and `>` as HTML's entities, and `\`, `` ` ``, `*`, `_`, `~`, `[`, `]` (and a `#`, `-`, `+`
 * or `1.` that would open a line as a heading or a list) behind CommonMark's backslash.
 *
 * Sources (read 2026-12-03):
 * - Teams, "Format your bot messages" (learn.microsoft.com/microsoftteams/platform/bots/how-to/
 *   format-your-bot-messages): textFormat `plain`, `markdown` or `xml`; Teams supports a subset of
 *   markdown and of XML/HTML tags in text messages.
 * - Teams, "Format cards in Teams" (…/task-modules-and-cards/cards/cards-format): markdown in TextBlock,
 *   Fact.Title and Fact.Value; HTML is not supported in Adaptive Cards (inputs, choices and buttons show
 *   their text as it is).
 * - Adaptive Cards, "Text features" (learn.microsoft.com/adaptive-cards/authoring-cards/text-features):
 *   a CommonMark subset, `**Bold**`, `_Italic_`, lists, `[Title](url)`.
 * - Bot Framework activity spec (microsoft/botframework-sdk specs/botframework-activity): `textFormat`
 *   markdown, plain or xml; botbuilder's .NET `Activity.TextFormat` documents markdown as the default.
 * - getsentry/sentry src/sentry/integrations/msteams/card_builder/utils.py (and its PR 37587): Teams
 *   cards written with `&amp;`, `&lt;`, `&gt;` and `\_`, the backslash where `&#95;` failed.
 * - CommonMark 0.31, "Backslash escapes" and "Entity and numeric character references": any ASCII
 *   punctuation may be escaped with a backslash; `&amp;` and the like read as their character.
 *
 * Why markdown and not `textFormat: 'plain'`: Teams documents `plain`, but the same translator's texts go
 * to cards, whose TextBlocks have no plain mode, and our messages keep markdown's paragraphs and links.
 * One escaping, made where the Teams translator is made (TeamsBot.translator, the Teams notices in
 * bot/proactive/durableNotifier.ts), serves both. Card inputs, choices and buttons show text literally:
 * their builders take `plainTranslator(t)` and raw values; a raw value a builder puts in a TextBlock or a
 * fact goes through `escapeTeamsMarkdown`.
 *
 * Our own: botbuilder has no escaper, and the markdown libraries escape for their own renderers.
 */
import { escapingTranslator } from './escapingTranslator';
import { translatorFor } from './i18n';
import type { Translate } from './languages';

export { markup, plainTranslator } from './escapingTranslator';

const INLINE_MARKUP = /[\\`*_~[\]]/g;
/** A `#` heading, a `-`/`+` bullet or a `1.`/`1)` item, where a line starts. */
const LINE_OPENING = /^([ \t]*)([#+-]|\d+(?=[.)]))/gm;

/** A value as typed, for Teams' markdown (message text, TextBlock, fact). */
export function escapeTeamsMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE_MARKUP, '\\$&')
    .replace(LINE_OPENING, (_, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    );
}

/** `t` whose interpolated values reach the text escaped for Teams' markdown; `t` itself when it is one already. */
export function teamsTranslator(t: Translate): Translate {
  return escapingTranslator(t, escapeTeamsMarkdown);
}

/** The Teams translator of a locale: what every Teams turn and notice is written with. */
export function teamsTranslatorFor(locale: string | undefined | null): Translate {
  return teamsTranslator(translatorFor(locale));
}
