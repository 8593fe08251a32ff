import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import { SLACK_SAMPLES } from './slackSamples';

const SLACK_CARDS = path.join(__dirname, '..', '..', 'cards', 'slack');

/**
 * Block Kit limits (https://api.slack.com/reference/block-kit/blocks, .../composition-objects,
 * .../surfaces/views): 50 blocks in a message, 100 in a modal or Home tab; a header's text 150
 * characters; a section's text 3000, its fields 10 of 2000 each; a context 10 elements; a button's
 * text 75; an input's label 2000; a modal's title, submit and close 24; private_metadata 3000.
 */
const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  inputLabel: 2000,
  viewTitle: 24,
  privateMetadata: 3000,
  id: 255,
};

type Json = Record<string, unknown>;

/** i18next answers a missing key with the key itself: `partnerships:slack.title` in the output means one. */
const NAMESPACES = readdirSync(path.join(__dirname, '..', '..', 'i18n', 'locales', 'en')).map((f) =>
  f.replace(/\.json$/, ''),
);
const KEY_LEFT = new RegExp(`\\b(?:${NAMESPACES.join('|')}):[A-Za-z]\\w*\\.[\\w.]+`);
const text = (object: unknown) => ((object as { text?: string } | undefined)?.text ?? '') as string;

function builderFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return builderFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every exported function of cards/slack/**, as `<file>#<name>`. */
function builders(): Map<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  for (const file of builderFiles(SLACK_CARDS)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- every builder file, found by scanning
    const exports = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function') found.set(`${path.relative(SLACK_CARDS, file)}#${name}`, value as never);
    }
  }
  return found;
}

/** Every limit a list of blocks breaks, as readable lines. */
export function blockProblems(blocks: Json[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (at most ${maxBlocks})`);
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    const tooLong = (what: string, value: string, max: number) => {
      if (value.length > max) problems.push(`${where}: ${what} has ${value.length} characters (at most ${max})`);
    };
    if (typeof block.block_id === 'string') tooLong('block_id', block.block_id, LIMITS.id);
    if (block.type === 'header') tooLong('header text', text(block.text), LIMITS.header);
    if (block.type === 'section') {
      tooLong('section text', text(block.text), LIMITS.sectionText);
      const fields = (block.fields as unknown[] | undefined) ?? [];
      if (fields.length > LIMITS.fields) problems.push(`${where}: ${fields.length} fields (at most ${LIMITS.fields})`);
      for (const field of fields) tooLong('field', text(field), LIMITS.fieldText);
      if (!block.text && fields.length === 0) problems.push(`${where}: a section needs text or fields`);
    }
    if (block.type === 'context') {
      const elements = (block.elements as unknown[] | undefined) ?? [];
      if (elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} context elements`);
    }
    if (block.type === 'input') tooLong('input label', text(block.label), LIMITS.inputLabel);
    const buttons = [block.accessory, ...((block.elements as unknown[] | undefined) ?? [])].filter(
      (e): e is Json => (e as Json | undefined)?.type === 'button',
    );
    for (const button of buttons) {
      tooLong('button text', text(button.text), LIMITS.buttonText);
      if (typeof button.action_id === 'string') tooLong('action_id', button.action_id, LIMITS.id);
    }
  });
  return problems;
}

function viewProblems(view: Json): string[] {
  const problems = blockProblems(view.blocks as Json[], LIMITS.viewBlocks);
  for (const key of ['title', 'submit', 'close']) {
    const value = text(view[key]);
    if (value.length > LIMITS.viewTitle)
      problems.push(`${key} "${value}" has ${value.length} characters (at most ${LIMITS.viewTitle})`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > LIMITS.privateMetadata) {
    problems.push('private_metadata too long');
  }
  return problems;
}

describe('Slack Block Kit builders (cards/slack) stay within Slack limits', () => {
  const all = builders();

  it('finds the builders (the scan works)', () => {
    expect([...all.keys()]).to.include.members(['helpBlocks.ts#helpBlocks', 'homeView.ts#homeView']);
  });

  it('has sample arguments for every exported builder (test/cards/slackSamples.ts)', () => {
    const missing = [...all.keys()].filter((key) => !(key in SLACK_SAMPLES));
    expect(missing, 'add sample arguments for these builders to test/cards/slackSamples.ts').to.deep.equal([]);
  });

  it('the limit check catches a broken message (so a pass means something)', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
      ...Array.from({ length: 50 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'ok' } })),
    ];
    expect(blockProblems(blocks, LIMITS.messageBlocks)).to.have.length(2);
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`every builder's output, in ${language}, within 50 blocks (100 in views), headers ≤ 150, sections ≤ 3000`, () => {
      const t = translatorFor(language);
      const problems: string[] = [];
      for (const [key, build] of all) {
        const samples = SLACK_SAMPLES[key];
        if (!samples) continue;
        samples(t).forEach((args, i) => {
          const output = build(...args) as unknown;
          const where = `${key} sample ${i + 1}`;
          if (Array.isArray(output)) {
            for (const p of blockProblems(output as Json[], LIMITS.messageBlocks)) problems.push(`${where}: ${p}`);
          } else if (output && typeof output === 'object' && Array.isArray((output as Json).blocks)) {
            for (const p of viewProblems(output as Json)) problems.push(`${where}: ${p}`);
          } else if (typeof output === 'string') {
            if (output.length > LIMITS.sectionText) problems.push(`${where}: text of ${output.length} characters`);
          } else {
            problems.push(`${where}: returned neither blocks, a view nor text`);
          }
          const untranslated = JSON.stringify(output).match(KEY_LEFT);
          if (untranslated) problems.push(`${where}: a catalog key left untranslated: ${untranslated[0]}`);
        });
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
