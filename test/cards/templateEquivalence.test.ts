import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { expect } from 'chai';
import { prepareCardTemplate } from '../../cards/cardTemplate';
import { TemplateSubsetError } from '../../cards/templateExpression';

/**
 * cards/cardTemplate.ts expands the Teams card templates without adaptivecards-templating (issue 18 item
 * 3: its expression engine was a sixth of every start). These tests hold the two side by side: the same
 * card from every template, with its sample and with the data the tests and journeys gave it, and the
 * same result on the corner cases of the rules the subset copies.
 *
 * recordedCardData.json: every `expandCard(name, data)` of a full `npm test` run (card, dialog, bot and
 * fault tests and the journeys, 2026-12-03), one per card and shape of data (fields present, empty
 * strings, booleans, lists of none, one or several), 87 of 324 distinct.
 */

const TEMPLATES = path.join(__dirname, '..', '..', 'cards', 'teams');
const SAMPLES = path.join(__dirname, 'samples');

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const templateNames = () =>
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
const recorded = readJson(path.join(__dirname, 'recordedCardData.json')) as { name: string; data: object }[];

/** Both engines' expansion, or what each threw. */
function both(template: unknown, data: object): { library: unknown; ours: unknown } {
  const attempt = (expand: () => unknown) => {
    try {
      return expand();
    } catch (error) {
      return { threw: error instanceof Error ? error.constructor.name : typeof error };
    }
  };
  return {
    library: attempt(() => new ACData.Template(template as object).expand({ $root: data })),
    ours: attempt(() => prepareCardTemplate(template, 'test').expand(data)),
  };
}

function expectSame(template: unknown, data: object) {
  const { library, ours } = both(template, data);
  expect(ours).to.deep.equal(library);
}

describe('Card templating without adaptive-expressions (cards/cardTemplate.ts)', () => {
  describe('gives the card adaptivecards-templating gives', () => {
    for (const name of templateNames()) {
      it(`${name}, with its sample`, () => {
        expectSame(
          readJson(path.join(TEMPLATES, `${name}.json`)),
          readJson(path.join(SAMPLES, `${name}.json`)) as object,
        );
      });
    }

    it('for every template, with the data the tests and journeys gave it', () => {
      const unrecorded = templateNames().filter((name) => !recorded.some((r) => r.name === name));
      expect(unrecorded, 'record data for these templates in recordedCardData.json').to.deep.equal([]);
      for (const { name, data } of recorded) {
        const { library, ours } = both(readJson(path.join(TEMPLATES, `${name}.json`)), data);
        expect(ours, name).to.deep.equal(library);
      }
    });
  });

  describe('on the corner cases of the rules it copies', () => {
    const cases: [string, unknown, object][] = [
      ['a missing field in a binding stays as its ${…}', { a: '${missing}', b: 'x ${missing.deeper} y' }, {}],
      [
        'a binding keeps the type of what it finds',
        { n: '${n}', t: '${t}', list: '${list}', o: '${o}' },
        { n: 3, t: true, list: [1, 'a'], o: { x: 1 } },
      ],
      ['a null field: kept under a key, dropped from a list', { a: '${n}', list: ['${n}', 'x', null] }, { n: null }],
      [
        'numbers, booleans and lists inside a text',
        { text: '${n}/${t}/${list}/${o}' },
        { n: 1.5, t: false, list: [1, 2], o: { a: 1 } },
      ],
      ['a null field inside a text fails as in the library', { text: 'a ${n}' }, { n: null }],
      [
        'field names are matched whatever their case',
        { a: '${title}', b: '${Labels.REQUIRED}' },
        { Title: 'T', labels: { required: 'R' } },
      ],
      ['nothing is read through a falsy value', { a: '${zero.x}', b: '${empty.length}' }, { zero: 0, empty: '' }],
      [
        '$data over a list: none (null under a key, gone from a list), one (an object), several',
        {
          none: { $data: '${none}', t: '${x}' },
          one: { $data: '${one}', t: '${x}' },
          list: [
            { $data: '${many}', t: '${x}' },
            { $data: '${none}', t: '${x}' },
          ],
        },
        { none: [], one: [{ x: 1 }], many: [{ x: 1 }, { x: 2 }] },
      ],
      [
        '$data of strings, $root inside, and an undefined item keeps the one before',
        {
          list: [{ $data: '${lines}', text: '• ${$data} ${$root.suffix}' }],
          holes: [{ $data: '${holes}', v: '${$data}' }],
        },
        { lines: ['a', 'b'], suffix: '!', holes: ['p', undefined, 'q'] },
      ],
      [
        '$data of a missing field, of null, of an object',
        { a: { $data: '${missing}', v: '${$data}' }, b: { $data: '${n}', v: '${x}' }, c: { $data: '${o}', v: '${x}' } },
        { n: null, o: { x: 'ox' } },
      ],
      [
        '$when is true only for the boolean true',
        {
          items: [
            { $when: '${t}', v: 1 },
            { $when: '${s}', v: 2 },
            { $when: '${missing}', v: 3 },
            { $when: '${one}', v: 4 },
          ],
        },
        { t: true, s: 'true', one: 1 },
      ],
      [
        "$when: != '' and == 'x' with missing, null, empty and numbers",
        {
          items: [
            { $when: "${missing != ''}", v: 1 },
            { $when: "${n != ''}", v: 2 },
            { $when: "${e != ''}", v: 3 },
            { $when: "${k == 'toggle'}", v: 4 },
            { $when: "${num == 'toggle'}", v: 5 },
            { $when: "${n == 'toggle'}", v: 6 },
          ],
        },
        { n: null, e: '', k: 'toggle', num: 0 },
      ],
      [
        '$when: count() of lists, strings, objects, null and missing, and || and !',
        {
          items: [
            { $when: '${count(list) > 0}', v: 1 },
            { $when: '${count(empty) > 0}', v: 2 },
            { $when: '${count(text) > 0}', v: 3 },
            { $when: '${count(o) > 0}', v: 4 },
            { $when: '${count(n) > 0}', v: 5 },
            { $when: '${count(missing) > 0}', v: 6 },
            { $when: '${count(empty) > 0 || count(list) > 0}', v: 7 },
            { $when: '${count(missing) > 0 || count(empty) > 0}', v: 8 },
            { $when: '${!t}', v: 9 },
            { $when: '${!missing}', v: 10 },
            { $when: '${!e}', v: 11 },
            { $when: '${!count(n)}', v: 12 },
            { $when: '${count(num) > 0}', v: 13 },
          ],
        },
        { list: [1], empty: [], text: 'abc', o: { a: 1 }, n: null, t: true, e: '', num: 5 },
      ],
      [
        '$when over a $data list, per item',
        { items: [{ $data: '${rows}', $when: '${on}', v: '${v}' }] },
        {
          rows: [
            { on: true, v: 1 },
            { on: false, v: 2 },
            { on: true, v: 3 },
          ],
        },
      ],
      ['a nested list is flattened into its parent', { list: [['a', 'b'], 'c'] }, {}],
      [
        'a list with nothing to bind keeps its nulls and nested lists as the library does',
        { list: ['a', null, 'b'], deep: [{ p: [1, [2, 3]] }, { q: null }], fixed: { r: { s: 't' } } },
        {},
      ],
    ];
    for (const [behaviour, template, data] of cases) {
      it(behaviour, () => expectSame(template, data));
    }
  });

  describe('makes the parts with nothing to bind once (issue 18)', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title}' },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: 'Fixed' }] }] },
      ],
      actions: [{ type: 'Action.Submit', title: 'Save', data: { verb: 'save' } }],
    };
    const prepared = prepareCardTemplate(template, 'test');
    const first = prepared.expand({ title: 'One' }) as typeof template;
    const second = prepared.expand({ title: 'Two' }) as typeof template;

    it('gives every card its own bound parts', () => {
      expect(first.body[0].text).to.equal('One');
      expect(second.body[0].text).to.equal('Two');
      expect(first.body).to.not.equal(second.body);
    });

    it('shares the fixed parts, frozen, so a change to one card sent could not show in another', () => {
      expect(second.actions).to.equal(first.actions);
      expect(second.body[1]).to.equal(first.body[1]);
      expect(() => {
        (first.actions[0] as { title: string }).title = 'Changed';
      }).to.throw(TypeError);
      expect(second.actions[0].title).to.equal('Save');
    });
  });

  describe('refuses, when a template is first prepared, what it does not cover', () => {
    const refused: [string, unknown][] = [
      ['arithmetic', { text: '${a + 1}' }],
      ['a function other than count()', { text: '${toUpper(a)}' }],
      ['count() outside $when', { text: '${count(a)}' }],
      ['a comparison outside $when', { text: "${a != ''}" }],
      ['&& and <', { $when: '${a && b}' }],
      ['a comparison between two fields', { $when: '${a == b}' }],
      ['$index', { text: '${$index}' }],
      ['a $when that is no binding', { $when: 'true' }],
      ['a $data that is no binding', { $data: [1, 2] }],
      ['a backtick beside a binding', { text: '`${a}`' }],
    ];
    for (const [what, template] of refused) {
      it(what, () => {
        expect(() => prepareCardTemplate(template, 'test')).to.throw(TemplateSubsetError, /card template test/);
      });
    }
  });
});
