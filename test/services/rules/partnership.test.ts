import { expect } from 'chai';
import {
  adminAccessSteps,
  authorisationGrants,
  checkActivePartnership,
  loadRegionTable,
  mayPartner,
  removalConsequences,
  resellerEndsPartnership,
} from '../../../services/rules';
import { codes, directBill, optionCodes, partnership, provider, reseller } from './fixtures';

describe('partnership (T2, P1, P5, P6)', () => {
  const rows: Array<[string, Parameters<typeof mayPartner>, string[]]> = [
    [
      'lets a provider in Poland partner with an enrolled reseller in Sweden, both in Europe (P6)',
      [provider(), reseller()],
      [],
    ],
    [
      'refuses a reseller not yet enrolled as an indirect reseller (P1)',
      [provider(), reseller({ status: { enrolment: 'submitted', verification: 'Pending' } })],
      ['P1.reseller-not-enrolled'],
    ],
    [
      'takes a reseller that enrolled here and that Partner Center verified as enrolled (P1, E5)',
      [provider(), reseller({ status: { enrolment: 'submitted', verification: 'Authorized' } })],
      [],
    ],
    [
      'refuses a reseller without a Partner Center account (P1)',
      [provider(), reseller({ status: { onboardedInPartnerCenter: false, accountType: 'partner-membership-center' } })],
      ['P1.reseller-no-partner-center-account'],
    ],
    ['refuses a reseller from another region (P6)', [provider(), reseller({ country: 'US' })], ['P6.different-region']],
    [
      'refuses a reseller in a country the program no longer serves (P6)',
      [provider(), reseller({ country: 'RU' })],
      ['P6.country-not-served'],
    ],
    [
      'refuses a reseller whose country is not in the region table (P6)',
      [provider(), reseller({ country: 'QQ' })],
      ['P6.unknown-country'],
    ],
    [
      'refuses a direct-bill partner on the provider side (T2)',
      [directBill(), reseller()],
      ['T2.provider-not-indirect-provider'],
    ],
    [
      'refuses a provider on the reseller side (T2)',
      [provider(), provider({ id: 'prov-2' })],
      ['T2.reseller-not-indirect-reseller'],
    ],
  ];
  for (const [name, args, expected] of rows) {
    it(name, () => {
      const decision = mayPartner(...args);
      expect(codes(decision)).to.deep.equal(expected);
      expect(decision.allowed).to.equal(expected.length === 0);
    });
  }

  it('names both countries and regions, and points to a provider in the reseller’s region (P6, E8)', () => {
    const decision = mayPartner(provider(), reseller({ country: 'JP' }));
    expect(decision.violations[0].facts).to.deep.equal({
      providerCountry: 'PL',
      providerRegion: 'europe',
      resellerCountry: 'JP',
      resellerRegion: 'japan',
    });
    expect(optionCodes(decision)).to.deep.equal(['E8.find-provider-in-region']);
  });

  it('says whose country is unknown, without throwing (P6)', () => {
    const decision = mayPartner(provider({ country: 'ZZ' }), reseller());
    expect(decision.violations).to.deep.equal([
      { rule: 'P6', code: 'P6.unknown-country', facts: { party: 'provider', country: 'ZZ' } },
    ]);
  });

  it('follows an operator table that moves a country to another region (P6)', () => {
    const regions = loadRegionTable({ countries: { SE: { region: 'mea-cee' } } });
    expect(codes(mayPartner(provider(), reseller(), { regions }))).to.deep.equal(['P6.different-region']);
  });

  it('requires an active partnership before the provider acts for the reseller (P5)', () => {
    expect(
      checkActivePartnership('prov-contoso-dist', 'res-fabrikam', [partnership('prov-contoso-dist', 'res-fabrikam')])
        .allowed,
    ).to.equal(true);
    const invited = checkActivePartnership('prov-contoso-dist', 'res-fabrikam', [
      partnership('prov-contoso-dist', 'res-fabrikam', 'invited'),
    ]);
    expect(invited.violations[0]).to.deep.include({
      code: 'P5.no-active-partnership',
      facts: { providerId: 'prov-contoso-dist', resellerId: 'res-fabrikam', state: 'invited' },
    });
    const none = checkActivePartnership('prov-contoso-dist', 'res-fabrikam', [
      partnership('prov-other', 'res-fabrikam'),
    ]);
    expect(none.violations[0].facts.state).to.equal('none');
  });

  it('counts a partnership renewed after a removal as active (P5)', () => {
    const history = [
      partnership('prov-contoso-dist', 'res-fabrikam', 'removed'),
      partnership('prov-contoso-dist', 'res-fabrikam', 'active'),
    ];
    expect(checkActivePartnership('prov-contoso-dist', 'res-fabrikam', history).allowed).to.equal(true);
  });
});

describe('what a partnership grants and what removing it does (G2, G3, P7, P8)', () => {
  it('tells the reseller what is sure: orders and subscriptions for its customers, and no admin rights claimed (G3, supersedes P4)', () => {
    const grants = authorisationGrants();
    expect(grants.map((g) => [g.rule, g.code])).to.deep.equal([['G3', 'orders-and-subscriptions-for-customers']]);
  });

  it('tells the reseller that admin access to a customer needs its own GDAP relationship per customer (G2, G3)', () => {
    expect(adminAccessSteps().map((s) => [s.rule, s.code])).to.deep.equal([
      ['G3', 'not-from-authorising'],
      ['G2', 'own-gdap-per-customer'],
    ]);
  });

  it('tells the provider that customers and admin privileges stay, and that Partner Center notifies no one (P7)', () => {
    const byKind = (kind: string) =>
      removalConsequences()
        .filter((c) => c.kind === kind)
        .map((c) => c.code);
    expect(byKind('effect')).to.include.members([
      'customers-stay',
      'delegated-admin-privileges-stay',
      'partner-center-notifies-no-one',
      'reseller-leaves-list',
    ]);
    expect(byKind('obligation')).to.have.members(['good-faith-representation', 'legal-notice-is-providers']);
    // The assistant's own "tell the reseller" box is advice the provider may take, not a contradiction.
    expect(byKind('advice')).to.include('assistant-tells-reseller-if-you-choose');
  });

  it('refuses a reseller ending a partnership itself and routes it to Microsoft Support (P8)', () => {
    const decision = resellerEndsPartnership({ providerId: 'prov-contoso-dist', resellerId: 'res-fabrikam' });
    expect(decision.allowed).to.equal(false);
    expect(codes(decision)).to.deep.equal(['P8.reseller-cannot-end-partnership']);
    expect(optionCodes(decision)).to.deep.equal(['P8.contact-microsoft-support']);
  });
});
