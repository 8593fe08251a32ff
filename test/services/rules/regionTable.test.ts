import { expect } from 'chai';
import { defaultRegionTable, loadRegionTable } from '../../../services/rules';

/**
 * The "Regions" table of DOMAIN.md, copied verbatim: the data file must place every name it lists
 * in that region, at the currency it names ("(GBP)" after a country overrides the region's).
 */
const DOMAIN_TABLE: Array<[region: string, currency: string, countries: string]> = [
  [
    'africa',
    'USD',
    "Angola, Benin, Botswana, Burkina Faso, Burundi, Cameroon, Cape Verde, Central African Republic, Chad, Comoros, Congo, Congo (DRC), Côte d'Ivoire, Djibouti, Equatorial Guinea, Eritrea, Ethiopia, French Polynesia, Gabon, Gambia, Ghana, Guinea, Guinea-Bissau, Kenya, Liberia, Madagascar, Malawi, Mali, Mauritius, Mayotte, Namibia, New Caledonia, Niger, Nigeria, Réunion, Rwanda, São Tomé and Príncipe, Senegal, Seychelles, Sierra Leone, Somalia, South Sudan, St Helena/Ascension/Tristan da Cunha, Tanzania, Togo, Uganda, Zambia",
  ],
  [
    'asia-pacific',
    'USD',
    'Bangladesh, Bhutan, Brunei, Cambodia, Hong Kong SAR, Indonesia, Laos, Macao SAR, Malaysia, Maldives, Myanmar, Nepal, Philippines, Singapore, Sri Lanka, Thailand, Timor-Leste, Vietnam',
  ],
  [
    'australia',
    'AUD',
    'Australia, Christmas Island, Cocos (Keeling) Islands, Cook Islands, Fiji, French Southern Territories, Guam, Heard and McDonald Islands, Kiribati, Marshall Islands, Micronesia, Nauru, Niue, Norfolk Island, Northern Mariana Islands, Palau, Papua New Guinea, Pitcairn Islands, Solomon Islands, Tokelau, Tonga, Tuvalu, Wallis and Futuna',
  ],
  ['brazil', 'USD', 'Brazil'],
  ['canada', 'CAD', 'Canada, St Pierre and Miquelon'],
  [
    'europe',
    'EUR',
    'Åland, Andorra, Austria, Belgium, Bouvet Island, Bulgaria, Croatia, Cyprus, Czechia, Denmark (DKK), Estonia, Faroe Islands, Finland, France, Germany, Gibraltar (GBP), Greece, Greenland, Guernsey (GBP), Hungary, Iceland, Ireland, Isle of Man (GBP), Italy, Jersey (GBP), Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Monaco, Netherlands, Norway (NOK), Poland, Portugal, Romania, San Marino, Slovakia, Slovenia, Spain, Svalbard and Jan Mayen (NOK), Sweden (SEK), Switzerland (CHF), United Kingdom (GBP), Vatican City',
  ],
  ['india', 'INR', 'India'],
  ['japan', 'JPY', 'Japan'],
  ['korea', 'KRW', 'Korea'],
  ['russia', 'RUB', 'Russia'],
  ['taiwan', 'TWD', 'Taiwan'],
  [
    'latam',
    'USD',
    'Anguilla, Antarctica, Antigua and Barbuda, Argentina, Aruba, Bahamas, Barbados, Belize, Bermuda, Bolivia, Bonaire, British Virgin Islands, Cayman Islands, Chile, Colombia, Costa Rica, Curaçao, Dominica, Dominican Republic, Ecuador, El Salvador, Falkland Islands, French Guiana, Grenada, Guadeloupe, Guatemala, Guyana, Haiti, Honduras, Jamaica, Martinique, Mexico, Montserrat, Nicaragua, Panama, Paraguay, Peru, Puerto Rico, Saba, St Barthélemy, St Kitts and Nevis, St Lucia, St Martin, St Vincent and the Grenadines, Sint Eustatius, Sint Maarten, South Georgia and South Sandwich Islands, Suriname, Trinidad and Tobago, Turks and Caicos, Uruguay, Venezuela, US Virgin Islands',
  ],
  [
    'mea-cee',
    'USD',
    'Afghanistan, Albania, Algeria, Armenia, Azerbaijan, Bahrain, Belarus, Bosnia and Herzegovina, British Indian Ocean Territory, Egypt, Georgia, Iraq, Israel, Jordan, Kazakhstan, Kosovo, Kuwait, Kyrgyzstan, Lebanon, Lesotho, Libya, North Macedonia, Mauritania, Moldova, Mongolia, Montenegro, Morocco, Mozambique, Oman, Pakistan, Palestinian Territories, Qatar, Saudi Arabia, Serbia, South Africa, Eswatini, Tajikistan, Tunisia, Turkey, Turkmenistan, Ukraine, United Arab Emirates, Uzbekistan, Yemen, Zimbabwe',
  ],
  ['new-zealand', 'NZD', 'American Samoa, New Zealand, Samoa, Vanuatu'],
  ['united-states', 'USD', 'United States, US Outlying Islands'],
];

/** "Denmark (DKK)" names a currency; "Congo (DRC)" is a name. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
function parseItem(item: string): { name: string; currency?: string } {
  const match = item.match(/^(.*) \(([A-Z]{3})\)$/);
  return match && CURRENCIES.has(match[2]) ? { name: match[1], currency: match[2] } : { name: item };
}

describe('CSP region table (P6, C7)', () => {
  const byName = new Map<string, string>();
  for (const code of defaultRegionTable.countryCodes()) {
    const entry = defaultRegionTable.lookup(code);
    if (entry.found) for (const name of entry.names) byName.set(name, code);
  }

  for (const [region, currency, list] of DOMAIN_TABLE) {
    it(`places every country DOMAIN.md lists under ${region} in that region, at its currency (P6, C7)`, () => {
      for (const item of list.split(', ')) {
        const { name, currency: ownCurrency } = parseItem(item);
        const code = byName.get(name);
        expect(code, `${name} has no entry`).to.be.a('string');
        expect(defaultRegionTable.lookup(code)).to.deep.include({
          found: true,
          region,
          currency: ownCurrency ?? currency,
        });
      }
    });
  }

  it('holds nothing the DOMAIN.md table does not list (P6, C7)', () => {
    const listed = new Set(DOMAIN_TABLE.flatMap(([, , list]) => list.split(', ').map((i) => parseItem(i).name)));
    expect([...byName.keys()].filter((name) => !listed.has(name))).to.deep.equal([]);
  });

  const isoRows: Array<[string, string, string]> = [
    ['AX', 'Åland', 'europe'],
    ['XK', 'Kosovo', 'mea-cee'],
    ['BQ', 'Bonaire', 'latam'],
    ['CW', 'Curaçao', 'latam'],
    ['SX', 'Sint Maarten', 'latam'],
    ['MF', 'St Martin', 'latam'],
    ['SH', 'St Helena/Ascension/Tristan da Cunha', 'africa'],
    ['CD', 'Congo (DRC)', 'africa'],
    ['CG', 'Congo', 'africa'],
    ['CI', "Côte d'Ivoire", 'africa'],
    ['SZ', 'Eswatini', 'mea-cee'],
    ['PS', 'Palestinian Territories', 'mea-cee'],
    ['UM', 'US Outlying Islands', 'united-states'],
    ['KR', 'Korea', 'korea'],
    ['GB', 'United Kingdom', 'europe'],
  ];
  for (const [code, name, region] of isoRows) {
    it(`maps ${name} to ISO code ${code} in ${region} (P6, C7)`, () => {
      const entry = defaultRegionTable.lookup(code);
      expect(entry).to.deep.include({ found: true, region });
      expect(entry.found && entry.names).to.include(name);
    });
  }

  it('keeps one entry for the three islands sharing BQ (P6, C7)', () => {
    const entry = defaultRegionTable.lookup('BQ');
    expect(entry.found && entry.names).to.deep.equal(['Bonaire', 'Saba', 'Sint Eustatius']);
  });

  it('uses only codes that are ISO 3166-1 regions (or Kosovo’s XK) (P6, C7)', () => {
    const display = new Intl.DisplayNames(['en'], { type: 'region' });
    const unknown = defaultRegionTable.countryCodes().filter((code) => display.of(code) === code);
    expect(unknown).to.deep.equal([]);
  });

  it('marks Russia as no longer served (P6, C7)', () => {
    expect(defaultRegionTable.lookup('RU')).to.deep.include({ found: true, region: 'russia', served: false });
  });

  it('answers an unknown, empty or malformed code with found: false instead of throwing (P6, C7)', () => {
    for (const code of ['QQ', '', undefined, 'POL', '1!']) {
      expect(defaultRegionTable.lookup(code).found).to.equal(false);
    }
  });

  it('answers a number or an object given as a country code instead of throwing (P6, C7)', () => {
    for (const code of [46, 0, null, {}, ['SE']]) {
      expect(() => defaultRegionTable.lookup(code), String(code)).to.not.throw();
      expect(defaultRegionTable.lookup(code)).to.deep.include({ found: false, reason: 'unknown' });
    }
  });

  it('tells a country CSP is not offered in (CN, IR, KP, SY, CU) from a typo (P6, C7)', () => {
    for (const code of ['CN', 'ir', 'KP', 'SY', 'CU']) {
      expect(defaultRegionTable.lookup(code), code).to.deep.include({ found: false, reason: 'not-offered' });
    }
    expect(defaultRegionTable.lookup('QQ')).to.deep.include({ found: false, reason: 'unknown' });
    expect(defaultRegionTable.countryCodes()).to.not.include('CN');
  });

  it('accepts a lower-case code (P6, C7)', () => {
    expect(defaultRegionTable.lookup('se')).to.deep.include({ found: true, region: 'europe', currency: 'SEK' });
  });

  it('names its source and date', () => {
    expect(defaultRegionTable.source).to.match(/regional-authorization-overview/);
    expect(defaultRegionTable.asOf).to.equal('2021-04-15');
  });

  describe('operator override', () => {
    it('serves Russia again when an operator says so (P6, C7)', () => {
      const table = loadRegionTable({ regions: { russia: { served: true } } });
      expect(table.lookup('RU')).to.deep.include({ served: true, currency: 'RUB' });
    });

    it('removes a country with null and adds a new one (P6, C7)', () => {
      const table = loadRegionTable(
        JSON.stringify({ asOf: '2025-01-01', countries: { NO: null, XA: { region: 'europe', names: ['Test land'] } } }),
      );
      expect(table.lookup('NO').found).to.equal(false);
      expect(table.lookup('XA')).to.deep.include({ found: true, region: 'europe', currency: 'EUR' });
      expect(table.asOf).to.equal('2025-01-01');
      expect(defaultRegionTable.lookup('NO').found, 'the default table is untouched').to.equal(true);
    });

    it('drops a country’s own currency when it moves region unless the override names one (P6, C7)', () => {
      const table = loadRegionTable({ countries: { GB: { region: 'united-states' } } });
      expect(table.lookup('GB')).to.deep.include({
        region: 'united-states',
        currency: 'USD',
        names: ['United Kingdom'],
      });
    });

    it('lets an operator offer a country the shipped table says CSP is not offered in (P6, C7)', () => {
      const table = loadRegionTable({ countries: { CN: { region: 'asia-pacific', names: ['China'] } } });
      expect(table.lookup('CN')).to.deep.include({ found: true, region: 'asia-pacific', served: true });
      expect(loadRegionTable({ notOffered: { IR: null } }).lookup('IR')).to.deep.include({ reason: 'unknown' });
    });

    it('refuses an override that puts a country in a region that does not exist', () => {
      expect(() => loadRegionTable({ countries: { SE: { region: 'nordics' } } })).to.throw(/SE → nordics/);
    });

    it('refuses an override that is not the expected shape', () => {
      expect(() => loadRegionTable({ countries: { se: { region: 'europe' } } } as never)).to.throw(
        /Region table override is invalid/,
      );
      expect(() => loadRegionTable({ regions: { mars: { served: true } } })).to.throw(/region 'mars' needs a currency/);
    });
  });
});
