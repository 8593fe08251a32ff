import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { expandCard } from '../../cards/renderCard';
import { startTestAssistant } from '../support/drivers/testAssistant';

// The package's main (lib/) is an ES module build Node cannot load from CommonJS; dist/ is its UMD bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a UMD bundle, loaded by path
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const ROOT = path.join(__dirname, '..', '..');
const TEMPLATES = path.join(ROOT, 'cards', 'teams');
const SAMPLES = path.join(__dirname, 'samples');
const MAX_VERSION = [1, 5];

type Json = Record<string, unknown>;

const templateNames = () =>
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

const sampleOf = (name: string) => JSON.parse(readFileSync(path.join(SAMPLES, `${name}.json`), 'utf8')) as object;

/** What the adaptivecards library (the renderer's own parser, no DOM needed) says about a card. */
function parseProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validation: ${event.message}`);
  return problems;
}

/** Every Action.Submit / Action.Execute in a card: actions, ActionSets, selectActions, ShowCard bodies. */
function buttonsOf(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    for (const item of node) buttonsOf(item, found);
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    if (object.type === 'Action.Submit' || object.type === 'Action.Execute') found.push(object);
    for (const value of Object.values(object)) buttonsOf(value, found);
  }
  return found;
}

/** A button's problem: no verb, or a verb the bot does not answer. */
function verbProblem(button: Json, verbs: { submit: string[]; execute: string[] }): string | undefined {
  if (button.type === 'Action.Execute') {
    const verb = button.verb;
    if (typeof verb !== 'string') return `Action.Execute "${button.title}" has no verb`;
    return verbs.execute.includes(verb) ? undefined : `Action.Execute verb "${verb}" has no card action`;
  }
  const verb = (button.data as Json | undefined)?.verb;
  if (typeof verb !== 'string') return `Action.Submit "${button.title}" has no data.verb`;
  return verbs.submit.includes(verb.toLowerCase()) ? undefined : `Action.Submit verb "${verb}" has no command`;
}

describe('Adaptive Card templates (cards/teams/*.json)', () => {
  let assistant: Assistant;
  let verbs: { submit: string[]; execute: string[] };

  before(async () => {
    assistant = await startTestAssistant();
    verbs = assistant.bot.knownVerbs();
  });
  after(async () => {
    await assistant.close();
  });

  it('has a sample-data file in test/cards/samples/ for every template (new cards add theirs)', () => {
    const missing = templateNames().filter((name) => !readdirSync(SAMPLES).includes(`${name}.json`));
    expect(missing, 'write test/cards/samples/<name>.json for these templates').to.deep.equal([]);
  });

  it('has no sample left over from a template that is gone', () => {
    const names = templateNames();
    const orphans = readdirSync(SAMPLES).filter((f) => !names.includes(f.replace(/\.json$/, '')));
    expect(orphans).to.deep.equal([]);
  });

  it('the checks catch a broken card (so a pass means something)', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'NoSuchElement' }],
      actions: [{ type: 'Action.Submit', title: 'Go', data: { verb: 'no-such-command' } }],
    };
    expect(parseProblems(broken)).to.have.length.greaterThan(0);
    expect(verbProblem(buttonsOf(broken)[0], verbs)).to.include('no-such-command');
  });

  for (const name of templateNames()) {
    describe(`${name}.json`, () => {
      const template = JSON.parse(readFileSync(path.join(TEMPLATES, `${name}.json`), 'utf8')) as Json;
      const expanded = () => expandCard(name, sampleOf(name));

      it('declares Adaptive Card version 1.5 or lower', () => {
        expect(template.type).to.equal('AdaptiveCard');
        const [major, minor] = String(template.version).split('.').map(Number);
        expect(major * 100 + minor, `version ${template.version}`).to.be.at.most(MAX_VERSION[0] * 100 + MAX_VERSION[1]);
      });

      it('expands with its sample data, every binding filled', function () {
        if (!readdirSync(SAMPLES).includes(`${name}.json`)) this.skip();
        const text = JSON.stringify(expanded());
        expect(text.match(/\$\{[^}]*\}/g) ?? [], 'bindings the sample does not fill').to.deep.equal([]);
      });

      it('parses with the adaptivecards library without warnings or errors', function () {
        if (!readdirSync(SAMPLES).includes(`${name}.json`)) this.skip();
        expect(parseProblems(expanded())).to.deep.equal([]);
      });

      it('has a handler for every Action.Submit / Action.Execute verb', function () {
        if (!readdirSync(SAMPLES).includes(`${name}.json`)) this.skip();
        const problems = buttonsOf(expanded())
          .map((button) => verbProblem(button, verbs))
          .filter((p): p is string => Boolean(p));
        expect(
          problems,
          `verbs the bot answers: ${verbs.submit.join(', ')} | ${verbs.execute.join(', ')}`,
        ).to.deep.equal([]);
      });
    });
  }
});
