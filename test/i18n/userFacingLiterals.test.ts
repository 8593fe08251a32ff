import { expect } from 'chai';
import { lineOf, sourceFiles } from '../manifest/sourceFiles';

/** The edges, where text reaches people: Teams handlers, dialogs, cards and Slack listeners. */
const EDGE_FOLDERS = ['bot', 'dialogs', 'cards'];

/**
 * Where a string literal is something a person reads: an argument of sendActivity / respond / say /
 * ack / MessageFactory.text, or the value of a Block Kit or card property that is shown.
 */
const USER_FACING_POSITIONS = [
  /\b(?:sendActivity|respond|say|ack|MessageFactory\.text|MessageFactory\.suggestedActions)\(\s*(?=['"`])/g,
  /\b(?:text|title|label|placeholder|errorMessage|alt_text|fallback|subtitle|hint)\s*:\s*(?=['"`])/g,
];

/**
 * Literals that look like words but are not for people to read, each with why. Keep it short:
 * a sentence here is a sentence missing from the catalogs.
 */
const ALLOWED: Record<string, string> = {};

/**
 * Reads the string literal starting at `start` and returns its static text: a template literal's
 * `${...}` expressions (nested templates and strings included) are left out.
 */
export function staticText(source: string, start: number): string {
  const quote = source[start];
  let out = '';
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') {
      out += source[i + 1] === 'n' ? '\n' : source[i + 1];
      i += 2;
    } else if (quote === '`' && source[i] === '$' && source[i + 1] === '{') {
      i = skipExpression(source, i + 2);
      out += ' ';
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

/** The index just after the `}` that closes an expression opened before `start`. */
function skipExpression(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length && depth > 0) {
    const c = source[i];
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    if (c === '"' || c === "'" || c === '`') {
      i = endOfLiteral(source, i);
      continue;
    }
    i += 1;
  }
  return i;
}

function endOfLiteral(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i += 2;
    else if (quote === '`' && source[i] === '$' && source[i + 1] === '{') i = skipExpression(source, i + 2);
    else i += 1;
  }
  return i + 1;
}

/** Words a person would read: letters left once markup, code spans, emoji codes and URLs are gone. */
export function readableWords(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .trim();
  // An identifier (`partnerships.setup`, `verify-email`, `help`) is for code, not for people.
  if (/^[a-z0-9_.:/-]*$/.test(stripped)) return [];
  return stripped.match(/\p{L}{2,}/gu) ?? [];
}

/** Every user-facing literal with readable words in the given files, as `file:line "text"`. */
export function userFacingLiterals(files: Array<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    for (const position of USER_FACING_POSITIONS) {
      for (const match of text.matchAll(position)) {
        const start = (match.index ?? 0) + match[0].length;
        const literal = staticText(text, start);
        if (readableWords(literal).length === 0) continue;
        if (ALLOWED[literal.trim()]) continue;
        found.push(`${file}:${lineOf(text, start)} "${literal.trim().slice(0, 80)}"`);
      }
    }
  }
  return found;
}

describe('No user-facing text outside the catalogs (bot/, dialogs/, cards/)', () => {
  it('the scan flags literals people would read (so a pass means something)', () => {
    const sample = [
      "await context.sendActivity('Your enrolment was saved.');",
      "await respond({ response_type: 'ephemeral', text: `Hello ${name}, welcome` });",
      "blocks.push({ type: 'header', text: { type: 'plain_text', text: 'Resellers' } });",
      "await ack({ text: 'Nie rozumiem' });",
    ].join('\n');
    expect(userFacingLiterals([{ file: 'sample.ts', text: sample }])).to.have.length(4);
  });

  it('the scan leaves identifiers, markup around translations, URLs and log lines alone', () => {
    const sample = [
      "await context.sendActivity(t('common:unknown', { text }));",
      "const block = { type: 'section', text: { type: 'mrkdwn', text: `*${t('a:b')}*\\n${lines.map((l) => `• \\`/csp ${l}\\``).join('\\n')}` } };",
      "await respond({ text: 'https://csp.example/i/abc' });",
      "log.info({ text: 'x' }, 'slash command failed');",
      "const data = { verb: 'continue', title: 'enrolment.step' };",
    ].join('\n');
    expect(userFacingLiterals([{ file: 'sample.ts', text: sample }])).to.deep.equal([]);
  });

  it('finds no literal a person would read in the edges: every such text comes from t()', () => {
    const found = userFacingLiterals(sourceFiles(EDGE_FOLDERS));
    expect(found, 'move these texts into i18n/locales/{en,pl,sv}').to.deep.equal([]);
  });

  it('allows nothing that is no longer there (the allowlist stays honest)', () => {
    const files = sourceFiles(EDGE_FOLDERS);
    const stale = Object.keys(ALLOWED).filter((literal) => !files.some(({ text }) => text.includes(literal)));
    expect(stale).to.deep.equal([]);
  });
});
