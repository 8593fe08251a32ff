/**
 * The rule ids this project cites (`E4`, `P6`, `C10`, `M1–M5`, `API1`, `MCA1`, `NCE2`, ...) and the ids
 * docs/rules.md defines as headings, so a test can say which cited id a clone cannot look up.
 * Numbers start at 1: `C0` is a Slack channel id in a test, not a rule.
 */
const RULE_ID = /\b(API|MCA|NCE|[ETMPCNRGA])([1-9]\d?)\b/g;
const RULE_RANGE = /\b(API|MCA|NCE|[ETMPCNRGA])([1-9]\d?)\s*[–-]\s*\1([1-9]\d?)\b/g;

/** Every rule id a text cites; a range (`M1–M5`) cites each id in it. */
export function citedRuleIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const [id] of text.matchAll(RULE_ID)) ids.add(id);
  for (const [, family, from, to] of text.matchAll(RULE_RANGE)) {
    for (let n = Number(from); n <= Number(to); n++) ids.add(`${family}${n}`);
  }
  return ids;
}

/** The ids a rules page defines: a heading that starts with the id (`### E4`), or an `<a id="E4">`. */
export function definedRuleIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const [, id] of markdown.matchAll(/^#{1,6}\s+((?:API|MCA|NCE|[A-Z])[1-9]\d?)\b/gm)) ids.add(id);
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) ids.add(id);
  return ids;
}

/** The ids cited in `texts` that `rulesPage` does not define, sorted. */
export function unresolvedRuleIds(texts: Iterable<string>, rulesPage: string): string[] {
  const defined = definedRuleIds(rulesPage);
  const missing = new Set<string>();
  for (const text of texts) for (const id of citedRuleIds(text)) if (!defined.has(id)) missing.add(id);
  return [...missing].sort();
}
