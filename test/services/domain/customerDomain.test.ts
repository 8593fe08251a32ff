import { expect } from 'chai';
import { bareDomain, customerDomainSchema, initialDomainPrefix } from '../../../services/domain/customerDomain';

describe('a customer domain as people type it', () => {
  const bare: Array<[string, string]> = [
    ['https://www.piekarnia-kowalski.pl/kontakt', 'piekarnia-kowalski.pl'],
    ['www.piekarnia-kowalski.pl', 'piekarnia-kowalski.pl'],
    ['HTTP://Piekarnia-Kowalski.PL:8080/?a=1#x', 'piekarnia-kowalski.pl'],
    ['piekarnia-kowalski.pl.', 'piekarnia-kowalski.pl'],
    ['  sklep.firma.com.pl  ', 'sklep.firma.com.pl'],
    ['www.com', 'www.com'],
  ];
  for (const [typed, expected] of bare) {
    it(`reduces ${JSON.stringify(typed)} to ${expected}`, () => {
      expect(bareDomain(typed)).to.equal(expected);
    });
  }

  it('still refuses what is no domain at all once reduced', () => {
    expect(customerDomainSchema.safeParse('https://localhost/kontakt').success).to.equal(false);
    expect(customerDomainSchema.safeParse('not a domain').success).to.equal(false);
  });

  const prefixes: Array<[string, string]> = [
    ['piekarnia-kowalski.pl', 'piekarnia-kowalski'],
    ['www.piekarnia-kowalski.pl', 'piekarnia-kowalski'],
    ['sklep.firma.com.pl', 'sklep-firma'],
    ['ab.se', 'abcsp'],
    ['en-mycket-lang-foretagsnamn-som-inte-far-plats.se', 'en-mycket-lang-foretagsnamn'],
  ];
  for (const [domain, expected] of prefixes) {
    it(`asks Partner Center for ${expected}.onmicrosoft.com for ${domain} (the name a person expects)`, () => {
      expect(initialDomainPrefix(domain)).to.equal(expected);
    });
  }
});
