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
 * as the reseller's card and the Partner Center page say it; Swedish keeps the name (seed 004).
 */
const SYNONYMS_NOT_USED: Record<string, Array<{ instead: string; pattern: RegExp }>> = {
  pl: [
    { instead: 'zasada', pattern: /\bregu[łl]\p{L}*/giu },
    { instead: 'Centrum partnerskie', pattern: /Partner Center/g },
  ],
  sv: [{ instead: 'signera', pattern: /\bunderteckn\p{L}*/giu }],
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
  });
});
