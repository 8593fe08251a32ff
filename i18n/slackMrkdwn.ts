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
import type { Translate } from './languages';

/** `&`, `<`, `>` as Slack's entities, and nothing else (Slack decodes no other entity). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text that is mrkdwn already (ours, or escaped once): a mrkdwn translator passes it on as it is. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const markup = (text: string) => new Markup(text);

/** i18next's own options, which choose the text rather than appear in it. */
const CONTROL_OPTIONS = new Set([
  'context',
  'count',
  'ordinal',
  'lng',
  'lngs',
  'ns',
  'fallbackLng',
  'keySeparator',
  'nsSeparator',
  'postProcess',
  'interpolation',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'replace',
]);

const PLAIN = Symbol('the translator without escaping');
type Marked = Translate & { [PLAIN]?: Translate; lng?: string };

function escapedOptions(options: Record<string, unknown>): Record<string, unknown> {
  const escaped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (CONTROL_OPTIONS.has(name)) escaped[name] = value;
    else if (value instanceof Markup) escaped[name] = value.text;
    else if (typeof value === 'string') escaped[name] = escapeMrkdwn(value);
    else escaped[name] = value;
  }
  return escaped;
}

const isOptions = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One mrkdwn translator per plain one (the plain ones are kept per language: i18n.ts translatorFor). */
const made = new WeakMap<Translate, Translate>();

/** `t` whose interpolated values reach the text escaped for mrkdwn; `t` itself when it is one already. */
export function mrkdwnTranslator(t: Translate): Translate {
  if ((t as Marked)[PLAIN]) return t;
  const known = made.get(t);
  if (known) return known;
  const call = t as unknown as (...args: unknown[]) => unknown;
  const translate = (...args: unknown[]): unknown =>
    call(...args.map((a, i) => (i > 0 && isOptions(a) ? escapedOptions(a) : a)));
  const mrkdwn = Object.assign(translate, { lng: (t as Marked).lng, [PLAIN]: t }) as unknown as Translate;
  made.set(t, mrkdwn);
  return mrkdwn;
}

/** The translator for plain_text objects: values as typed, whichever translator a builder was given. */
export function plainTranslator(t: Translate): Translate {
  return (t as Marked)[PLAIN] ?? t;
}
