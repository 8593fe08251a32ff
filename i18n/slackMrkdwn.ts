/**
 * Slack's mrkdwn reads `&`, `<` and `>` as markup: `<…>` is a link, a mention or a channel, `&` starts an
 * entity. Slack asks an app to write them as `&amp;`, `&lt;` and `&gt;` in any text it did not mean as
 * markup ("Formatting text for app surfaces", Escaping text), and to leave plain_text alone (shown as it
 * is, so an entity there would be read as `&amp;`). A reseller called `Smith & Sons <EU>` must read so in
 * the approvals channel, not as a broken link.
 *
 * The place that knows a value from our own markup is the translation: a catalog text is ours (and holds
 * no `&`, `<` or `>`: test/i18n/slackMrkdwn.test.ts), an interpolated value is someone's. So every Slack
 * listener and notice gets a mrkdwn translator (bot/slack/slackLanguage.ts, bot/proactive/durableNotifier.ts) whose values are
 * escaped before i18next sees them, rather than each call site escaping its own; a value that is our own
 * markup (`<@U…>`, `<#C…>`, a text this translator already made) is passed as `markup(text)`. Builders that
 * write plain_text (headers, buttons, a draft email in an input) ask for `plainTranslator(t)`; text put
 * together outside a catalog (`*${name}* · ${domain}`) escapes its values with `escapeMrkdwn`.
 *
 * Our own: @slack/bolt's only escaper is private to its OAuth page and HTML's (quotes too), and
 * @slack/types has none.
 */
import { escapingTranslator } from './escapingTranslator';
import type { Translate } from './languages';

export { Markup, markup, plainTranslator } from './escapingTranslator';

/** `&`, `<`, `>` as Slack's entities, and nothing else (Slack decodes no other entity). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `t` whose interpolated values reach the text escaped for mrkdwn; `t` itself when it is one already. */
export function mrkdwnTranslator(t: Translate): Translate {
  return escapingTranslator(t, escapeMrkdwn);
}
