import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../i18n/projectRoot';
import { catalogStrings } from './catalogKeys';

/**
 * Swedish speaks to the reader as "du", one person, as Microsoft's own Swedish Partner Center page does
 * (seed 004: "du", "ditt", "dina", "din" throughout, never "ni"); where the text means the company, it
 * says "ditt företag" or "din organisation". The plural "ni/er/era/ert" once filled whole catalogs and
 * even shared a sentence with "din"; this keeps it out.
 *
 * Whole words only: "er" inside "kunder", or after a colon where Swedish inflects an abbreviation
 * ("API:er"), is no pronoun. No allow-list: the one string that spoke to the reader together with
 * someone else ("ni båda") says "både du och återförsäljaren".
 */
const PLURAL_YOU = /(?<![\p{L}\p{N}]:?)(?:ni|er|era|ert)(?![\p{L}\p{N}])/giu;

/** The Teams app's Swedish words (generated from the catalogs by `npm run package:teams`). */
function swedishManifestStrings(): Array<[key: string, text: string]> {
  const file = path.join(projectRoot(), 'manifest', 'teams', 'sv.json');
  const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.entries(strings)
    .filter(([key]) => key !== '$schema')
    .map(([key, text]) => [`manifest/teams/sv.json ${key}`, text]);
}

describe('Swedish says "du" to its reader, as the Swedish Partner Center does', () => {
  it('no Swedish catalog string nor the Teams app’s Swedish manifest says ni, er, era or ert', () => {
    const plural = [...catalogStrings('sv'), ...swedishManifestStrings()]
      .map(([key, text]) => ({ key, text, words: text.match(PLURAL_YOU) ?? [] }))
      .filter(({ words }) => words.length > 0)
      .map(({ key, text, words }) => `${key}: ${words.join(', ')} in “${text}”`);
    expect(plural, 'say du/dig/din/ditt/dina, or ditt företag/din organisation').to.deep.equal([]);
  });

  it('finds the plural where it is written, and only as a word (so a pass means something)', () => {
    expect('fråga den hur ni går vidare'.match(PLURAL_YOU)).to.deep.equal(['ni']);
    expect('Er registrering med era kunder och ert PartnerID'.match(PLURAL_YOU)).to.deep.equal(['Er', 'era', 'ert']);
    expect('Det ni har berättat, för er.'.match(PLURAL_YOU)).to.deep.equal(['ni', 'er']);
    expect('dina kunder, nivåer och Microsofts API:er; eran'.match(PLURAL_YOU)).to.equal(null);
  });
});
