import { expect } from 'chai';
import { languageOf } from '../../i18n/format';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import {
  escapeTeamsMarkdown,
  markup,
  plainTranslator,
  teamsTranslator,
  teamsTranslatorFor,
} from '../../i18n/teamsMarkdown';
import { catalogStrings } from './catalogKeys';

const RESELLER = 'Smith & Sons <EU>';
const CONTACT = '*Anna*_Nowak';

describe('Teams markdown: what a person typed reads as typed (Teams escaping: & < > and markdown)', () => {
  it('writes &, < and > as entities and markdown’s own characters behind a backslash, and nothing else', () => {
    expect(escapeTeamsMarkdown(RESELLER)).to.equal('Smith &amp; Sons &lt;EU&gt;');
    expect(escapeTeamsMarkdown(CONTACT)).to.equal('\\*Anna\\*\\_Nowak');
    expect(escapeTeamsMarkdown('[x](https://e.example) ~y~ `z` a\\b')).to.equal(
      '\\[x\\](https://e.example) \\~y\\~ \\`z\\` a\\\\b',
    );
    // Full stops, quotes, accents and hyphens inside a line stay: "sp. z o.o." reads as written.
    expect(escapeTeamsMarkdown('Kowalska-Nowak sp. z o.o. "Łódź" it’s')).to.equal(
      'Kowalska-Nowak sp. z o.o. "Łódź" it’s',
    );
    // An entity someone typed reads as they typed it, not as the character it names.
    expect(escapeTeamsMarkdown('R&amp;D')).to.equal('R&amp;amp;D');
  });

  it('keeps a name from opening a heading or a list where it starts a line', () => {
    expect(escapeTeamsMarkdown('# 1 Cloud')).to.equal('\\# 1 Cloud');
    expect(escapeTeamsMarkdown('- Minus AB')).to.equal('\\- Minus AB');
    expect(escapeTeamsMarkdown('1. Liga sp. z o.o.')).to.equal('1\\. Liga sp. z o.o.');
    expect(escapeTeamsMarkdown('3M Polska')).to.equal('3M Polska');
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`escapes each interpolated value once and none of the catalog’s own text, in ${language}`, () => {
      const t = teamsTranslatorFor(language);
      const plain = translatorFor(language);
      const text = t('partnerships:teams.confirmed', { provider: RESELLER });
      expect(text).to.equal(plain('partnerships:teams.confirmed', { provider: 'Smith &amp; Sons &lt;EU&gt;' }));
      expect(text).to.not.include(RESELLER);
      expect(t('common:unknown', { text: CONTACT }))
        .to.include('\\*Anna\\*\\_Nowak')
        .and.not.include(CONTACT);
    });
  }

  it('passes our own links as they are (a link in markdown reads as a link only unescaped)', () => {
    const url = 'https://partner.microsoft.com/a_b?x=1&y=2';
    expect(teamsTranslatorFor('en')('enrolment:submitted.portal', { url: markup(url) })).to.include(url);
  });

  it('keeps counts, numbers and dates working, in the reader’s language', () => {
    const t = teamsTranslatorFor('pl');
    expect(languageOf(t)).to.equal('pl');
    expect(t('customers:teams.waiting.title', { count: 3 })).to.equal(
      translatorFor('pl')('customers:teams.waiting.title', { count: 3 }),
    );
  });

  it('escapes once however often a translator is made a Teams one, and gives the plain one back for inputs and buttons', () => {
    const plain = translatorFor('sv');
    const t = teamsTranslator(plain);
    expect(teamsTranslator(t)).to.equal(t);
    expect(teamsTranslator(plain)).to.equal(t);
    expect(teamsTranslatorFor('sv')).to.equal(t);
    expect(plainTranslator(t)).to.equal(plain);
    expect(plainTranslator(t)('partnerships:teams.confirmed', { provider: RESELLER })).to.include(RESELLER);
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`the ${language} catalogs write no backslash of their own: a Teams text’s only backslashes escape a value`, () => {
      const found = catalogStrings(language)
        .filter(([, text]) => text.includes('\\'))
        .map(([key, text]) => `${key}: “${text}”`);
      expect(found).to.deep.equal([]);
    });
  }
});
