import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { readCatalogs } from '../../i18n/i18n';
import { projectRoot } from '../../i18n/projectRoot';

/**
 * One word per concept in each language: the one Microsoft's own Partner Center pages use (the seeds
 * in shared/seeds/): Polish "zasada" (seed 002: "zmian zasad"; "reguła" appears in none), Swedish
 * "signera" (seed 004's heading: "måste signera Microsofts partneravtal"). Partner Center in Polish is
 * "Centrum partnerskie", declined (seeds 000 and 001: "w Centrum partnerskim", "Centrum partnerskiego"),
 * as the reseller's card and the Partner Center page say it; Swedish keeps the name as two words (seed 004:
 * "Partner Center" in its text, "Partnercenter" once in a link title).
 */
const SYNONYMS_NOT_USED: Record<string, Array<{ instead: string; pattern: RegExp }>> = {
  pl: [
    { instead: 'zasada', pattern: /\bregu[łl]\p{L}*/giu },
    { instead: 'Centrum partnerskie', pattern: /Partner Center/g },
  ],
  sv: [
    { instead: 'signera', pattern: /\bunderteckn\p{L}*/giu },
    { instead: 'Partner Center', pattern: /\bPartnercenter\b/g },
  ],
};

describe('One term per concept per language (issue 12)', () => {
  for (const [language, synonyms] of Object.entries(SYNONYMS_NOT_USED)) {
    it(`${language}: every catalog and the Teams app's ${language} manifest use ${synonyms.map((s) => s.instead).join(', ')} only`, () => {
      const texts = [
        JSON.stringify(readCatalogs()[language]),
        readFileSync(path.join(projectRoot(), 'manifest', 'teams', `${language}.json`), 'utf8'),
      ];
      for (const { instead, pattern } of synonyms) {
        const found = texts.flatMap((text) => text.match(pattern) ?? []);
        expect(found, `say "${instead}" instead`).to.deep.equal([]);
      }
    });
  }

  it('finds the other word where it is written (so a pass means something)', () => {
    expect('Spełnione reguły (C7)'.match(SYNONYMS_NOT_USED.pl[0].pattern)).to.deep.equal(['reguły']);
    expect('na pulpicie Partner Center'.match(SYNONYMS_NOT_USED.pl[1].pattern)).to.deep.equal(['Partner Center']);
    expect('har undertecknat MPA'.match(SYNONYMS_NOT_USED.sv[0].pattern)).to.deep.equal(['undertecknat']);
    expect('i Partnercenter och Entra'.match(SYNONYMS_NOT_USED.sv[1].pattern)).to.deep.equal(['Partnercenter']);
  });
});

/**
 * N1: Microsoft writes "distributor" now, and the partner id is the PartnerID ("PLA ID, formerly MPN ID").
 * The old words appear only in brackets, where a reader who knows them learns the new ones.
 */
const OLD_NAMES: Record<string, { provider: RegExp; mpnId: RegExp; formerly: string }> = {
  en: { provider: /indirect providers?/gi, mpnId: /MPN ID/g, formerly: 'formerly MPN ID' },
  pl: {
    provider: /dostawc\p{L}* pośredni\p{L}*/giu,
    mpnId: /(MPN ID|identyfikator\p{L}* MPN)/giu,
    formerly: 'dawniej MPN ID',
  },
  sv: { provider: /indirekt\p{L}* leverantör\p{L}*/giu, mpnId: /MPN-ID/g, formerly: 'tidigare MPN-ID' },
};

/** Every string of a catalog, flattened. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The text outside any (bracketed) aside: what a reader takes as the name. */
const outsideBrackets = (text: string) => text.replace(/\([^()]*\)/g, '');

describe("Today's names: distributor and PartnerID (N1)", () => {
  for (const [language, old] of Object.entries(OLD_NAMES)) {
    it(`${language}: says distributor and PartnerID; the old names only in brackets, as what they were called`, () => {
      const texts = [
        ...stringsOf(readCatalogs()[language]),
        readFileSync(
          path.join(projectRoot(), 'manifest', 'teams', `${language === 'en' ? 'manifest' : language}.json`),
          'utf8',
        ),
      ];
      const oldProvider = texts.flatMap((text) => outsideBrackets(text).match(old.provider) ?? []);
      expect(oldProvider, 'the old name for a distributor, outside brackets').to.deep.equal([]);
      const oldId = texts.flatMap((text) => text.split(old.formerly).join('').match(old.mpnId) ?? []);
      expect(oldId, 'the old name of the PartnerID').to.deep.equal([]);
      // Explained where people first meet the word: the invitation card (Teams) and the set-up (Slack).
      const explained = texts.filter((text) => (text.match(old.provider) ?? []).length > 0 && /\(/.test(text));
      expect(explained.length, 'the old name explained somewhere').to.be.greaterThan(0);
    });
  }

  it('finds the old names where they are written (so a pass means something)', () => {
    expect(outsideBrackets('authorise it as your indirect provider').match(OLD_NAMES.en.provider)).to.deep.equal([
      'indirect provider',
    ]);
    expect(outsideBrackets('your distributor (earlier: indirect provider)').match(OLD_NAMES.en.provider)).to.equal(
      null,
    );
    expect('jako Twojego dostawcę pośredniego'.match(OLD_NAMES.pl.provider)).to.deep.equal(['dostawcę pośredniego']);
    expect('Twój identyfikator MPN'.match(OLD_NAMES.pl.mpnId)).to.deep.equal(['identyfikator MPN']);
    expect('din indirekta leverantör'.match(OLD_NAMES.sv.provider)).to.deep.equal(['indirekta leverantör']);
  });
});
