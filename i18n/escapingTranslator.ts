/**
 * A translator whose interpolated values reach the text escaped for where it is shown (Slack's mrkdwn:
 * slackMrkdwn.ts; Teams' markdown: teamsMarkdown.ts). A catalog text is ours, an interpolated value is
 * someone's: escaping the values, once, where the translator is made, keeps our text as written and a
 * typed name as typed, rather than each call site remembering. A value that is our own markup already (a
 * mention, a link, a text such a translator made) is passed as `markup(text)`.
 */
import type { Translate } from './languages';

/** Text that is markup already (ours, or escaped once): an escaping translator passes it on as it is. */
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
const ESCAPE = Symbol('how this translator escapes its values');
type Marked = Translate & { [PLAIN]?: Translate; [ESCAPE]?: (text: string) => string; lng?: string };

function escapedOptions(options: Record<string, unknown>, escape: (text: string) => string): Record<string, unknown> {
  const escaped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (CONTROL_OPTIONS.has(name)) escaped[name] = value;
    else if (value instanceof Markup) escaped[name] = value.text;
    else if (typeof value === 'string') escaped[name] = escape(value);
    else escaped[name] = value;
  }
  return escaped;
}

const isOptions = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One escaping translator per plain one and escape (the plain ones are kept per language: i18n.ts translatorFor). */
const made = new WeakMap<(text: string) => string, WeakMap<Translate, Translate>>();

/** `t` whose interpolated values reach the text through `escape`; `t` itself when it is one already. */
export function escapingTranslator(t: Translate, escape: (text: string) => string): Translate {
  if ((t as Marked)[ESCAPE] === escape) return t;
  const plain = plainTranslator(t);
  let byPlain = made.get(escape);
  if (!byPlain) made.set(escape, (byPlain = new WeakMap()));
  const known = byPlain.get(plain);
  if (known) return known;
  const call = plain as unknown as (...args: unknown[]) => unknown;
  const translate = (...args: unknown[]): unknown =>
    call(...args.map((a, i) => (i > 0 && isOptions(a) ? escapedOptions(a, escape) : a)));
  const escaping = Object.assign(translate, {
    lng: (plain as Marked).lng,
    [PLAIN]: plain,
    [ESCAPE]: escape,
  }) as unknown as Translate;
  byPlain.set(plain, escaping);
  return escaping;
}

/** The translator for text shown literally (Slack's plain_text, a Teams card's inputs and buttons): values as typed. */
export function plainTranslator(t: Translate): Translate {
  return (t as Marked)[PLAIN] ?? t;
}
