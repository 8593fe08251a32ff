import { expect } from 'chai';
import {
  checkCustomerRegion,
  checkNotCspTenant,
  checkNotPartneredResellerAsCustomer,
  checkNotSelfOrAffiliate,
  checkProviderRelationship,
  customerRequestGuidance,
  mayBuyForOwnUse,
  mayTakeCustomer,
} from '../../../services/rules';
import { codes, customer, optionCodes, partnership, provider, reseller } from './fixtures';

describe('customer relationships (C2, C7, C8, C9, C10)', () => {
  it('lets the provider order for a new customer it is adding (C2)', () => {
    expect(checkProviderRelationship(provider(), customer()).allowed).to.equal(true);
  });

  it('refuses orders for an existing tenant the provider has no reseller relationship with, and offers an invitation (C2, C1)', () => {
    const existing = customer({ tenantId: '44444444-4444-4444-8444-444444444444', providerId: 'prov-other' });
    const decision = checkProviderRelationship(provider(), existing);
    expect(codes(decision)).to.deep.equal(['C2.no-reseller-relationship']);
    expect(optionCodes(decision)).to.deep.equal(['C1.invite-customer', 'T4.customer-keeps-other-partners']);
  });

  it('never refuses a customer for having other partners: it is invited and keeps them (T4)', () => {
    // Served by another provider already (multi-partner): the only reason given is C2's missing
    // relationship with this provider, and the way forward says the other partners stay.
    const withOthers = customer({ tenantId: '44444444-4444-4444-8444-444444444444', providerId: 'prov-other' });
    const decision = checkProviderRelationship(provider(), withOthers);
    expect(decision.violations.every((v) => v.rule === 'C2')).to.equal(true);
    expect(optionCodes(decision)).to.include('T4.customer-keeps-other-partners');
    // Once this provider has the relationship too, nothing about the other partners refuses it.
    expect(checkProviderRelationship(provider(), { ...withOthers, providerId: provider().id }).allowed).to.equal(true);
  });

  it('lets a partner sell to a customer in its own region (C7)', () => {
    expect(checkCustomerRegion(reseller(), customer({ country: 'FI' })).allowed).to.equal(true);
  });

  it('refuses a customer in another region, naming both (C7)', () => {
    const decision = checkCustomerRegion(reseller(), customer({ country: 'BR' }));
    expect(decision.violations).to.deep.equal([
      {
        rule: 'C7',
        code: 'C7.different-region',
        facts: { partnerCountry: 'SE', partnerRegion: 'europe', customerCountry: 'BR', customerRegion: 'brazil' },
      },
    ]);
  });

  it('refuses a customer in Russia, which the program no longer serves (C7)', () => {
    expect(codes(checkCustomerRegion(reseller(), customer({ country: 'RU' })))).to.deep.equal([
      'C7.country-not-served',
    ]);
  });

  const selfRows: Array<[string, Partial<ReturnType<typeof customer>>, string, Record<string, string>]> = [
    [
      'refuses a customer that is the reseller’s own tenant (C8)',
      { tenantId: '22222222-2222-4222-8222-222222222222' },
      'C8.customer-is-partner-itself',
      { matchedOn: 'tenant' },
    ],
    [
      'refuses a customer on one of the reseller’s own domains (C8)',
      { domain: 'sales.fabrikam.se' },
      'C8.customer-is-partner-itself',
      { matchedOn: 'domain' },
    ],
    [
      'refuses a customer recorded as the reseller’s own company (C8)',
      { ownerPartnerId: 'res-fabrikam' },
      'C8.customer-is-partner-itself',
      { matchedOn: 'owner' },
    ],
    [
      'refuses a customer whose domain is a listed affiliate (C8)',
      { domain: 'fabrikam-holding.se' },
      'C8.customer-is-affiliate',
      { affiliate: 'fabrikam-holding.se' },
    ],
    [
      'refuses a customer whose tenant is a listed affiliate (C8)',
      { tenantId: '55555555-5555-4555-8555-555555555555' },
      'C8.customer-is-affiliate',
      { affiliate: '55555555-5555-4555-8555-555555555555' },
    ],
  ];
  const affiliated = reseller({ affiliates: ['fabrikam-holding.se', '55555555-5555-4555-8555-555555555555'] });
  for (const [name, overrides, code, facts] of selfRows) {
    it(name, () => {
      const decision = checkNotSelfOrAffiliate(affiliated, customer(overrides), 'reseller');
      expect(codes(decision)).to.deep.equal([code]);
      expect(decision.violations[0].facts).to.include({ party: 'reseller', ...facts });
    });
  }

  it('lets a partner sell to an unrelated company (C8)', () => {
    expect(checkNotSelfOrAffiliate(affiliated, customer()).allowed).to.equal(true);
  });

  it('refuses buying into a partner’s CSP tenant and offers a separate Customer tenant (C9)', () => {
    const decision = checkNotCspTenant(customer({ tenantType: 'partner-csp-tenant', ownerPartnerId: 'res-fabrikam' }));
    expect(codes(decision)).to.deep.equal(['C9.partner-csp-tenant']);
    expect(optionCodes(decision)).to.deep.equal(['C9.use-separate-customer-tenant']);
  });

  it('recognises the owner’s CSP tenant by its id even when typed as a customer tenant (C9)', () => {
    const owner = reseller();
    const decision = checkNotCspTenant(customer({ tenantId: owner.tenantId, ownerPartnerId: owner.id }), owner);
    expect(codes(decision)).to.deep.equal(['C9.partner-csp-tenant']);
  });

  it('refuses a partner buying for its own use from an indirect provider (C9)', () => {
    const own = customer({ ownerPartnerId: 'res-fabrikam', domain: 'fabrikam-internal.se' });
    expect(codes(mayBuyForOwnUse(provider(), own))).to.deep.equal(['C9.own-use-seller-not-allowed']);
  });

  it('refuses a reseller partnered with provider X as X’s customer in its CSP tenant, with the three options (C10)', () => {
    const own = customer({
      tenantType: 'partner-csp-tenant',
      ownerPartnerId: 'res-fabrikam',
      tenantId: reseller().tenantId,
    });
    const decision = checkNotPartneredResellerAsCustomer(provider(), own, [
      partnership('prov-contoso-dist', 'res-fabrikam'),
    ]);
    expect(decision.violations).to.deep.equal([
      {
        rule: 'C10',
        code: 'C10.reseller-cannot-be-provider-customer',
        facts: { resellerId: 'res-fabrikam', providerId: 'prov-contoso-dist' },
      },
    ]);
    expect(optionCodes(decision)).to.deep.equal([
      'C10.separate-tenant',
      'C10.end-relationship-via-support-and-use-another-provider',
      'C10.stay-customer-and-resell-through-another-provider',
    ]);
  });

  it('lets that reseller buy from another provider it is not partnered with (C10)', () => {
    const own = customer({ tenantType: 'partner-csp-tenant', ownerPartnerId: 'res-fabrikam' });
    const decision = checkNotPartneredResellerAsCustomer(provider({ id: 'prov-other' }), own, [
      partnership('prov-contoso-dist', 'res-fabrikam'),
    ]);
    expect(decision.allowed).to.equal(true);
  });

  it('lets that reseller buy from X into a separate tenant, the first option (C10)', () => {
    const separate = customer({
      tenantType: 'customer',
      ownerPartnerId: 'res-fabrikam',
      domain: 'fabrikam-internal.se',
    });
    const decision = checkNotPartneredResellerAsCustomer(
      provider(),
      separate,
      [partnership('prov-contoso-dist', 'res-fabrikam')],
      reseller(),
    );
    expect(decision.allowed).to.equal(true);
  });
});

describe('may reseller Y, through provider X, take customer Z (P5, M2, M3, C2, C7–C10)', () => {
  const base = () => ({
    provider: provider(),
    reseller: reseller(),
    customer: customer(),
    partnerships: [partnership('prov-contoso-dist', 'res-fabrikam')],
  });

  it('allows a new customer in the region of a partnered, transacting reseller', () => {
    const decision = mayTakeCustomer(base());
    expect(decision).to.deep.equal({ allowed: true, violations: [], options: [] });
  });

  const rows: Array<[string, (q: ReturnType<typeof base>) => void, string[]]> = [
    [
      'refuses without an active partnership (P5)',
      (q) => {
        q.partnerships = [];
      },
      ['P5.no-active-partnership'],
    ],
    [
      'refuses while the reseller has not signed the MPA (M2)',
      (q) => {
        q.reseller = reseller({ status: { mpaSigned: false } });
      },
      ['M2.reseller-mpa-not-signed'],
    ],
    [
      'refuses a reseller not yet onboarded and enrolled (M3)',
      (q) => {
        q.reseller = reseller({
          status: { onboardedInPartnerCenter: false, enrolment: 'submitted', verification: 'Pending' },
        });
      },
      ['M3.not-onboarded', 'M3.not-enrolled-as-indirect-reseller'],
    ],
    [
      'refuses when the provider has not signed the MPA (M1)',
      (q) => {
        q.provider = provider({ status: { mpaSigned: false } });
      },
      ['M1.mpa-not-signed'],
    ],
    [
      'refuses a customer in another region (C7)',
      (q) => {
        q.customer = customer({ country: 'CA' });
      },
      ['C7.different-region'],
    ],
    [
      'refuses the reseller’s own company (C8)',
      (q) => {
        q.customer = customer({ domain: 'fabrikam.se' });
      },
      ['C8.customer-is-partner-itself'],
    ],
    [
      'refuses the provider’s own company (C8)',
      (q) => {
        q.customer = customer({ domain: 'contoso-dist.pl', country: 'PL' });
      },
      ['C8.customer-is-partner-itself'],
    ],
    [
      'refuses an existing tenant without a reseller relationship with the provider (C2)',
      (q) => {
        q.customer = customer({ tenantId: '66666666-6666-4666-8666-666666666666' });
      },
      ['C2.no-reseller-relationship'],
    ],
    [
      'reports a reseller country missing from the region table once, under P6 (P6, C7)',
      (q) => {
        q.reseller = reseller({ country: 'QQ' });
      },
      ['P6.unknown-country'],
    ],
  ];
  for (const [name, change, expected] of rows) {
    it(name, () => {
      const question = base();
      change(question);
      const decision = mayTakeCustomer(question);
      expect(codes(decision)).to.deep.equal(expected);
      expect(decision.allowed).to.equal(false);
    });
  }

  it('gives every reason at once', () => {
    const decision = mayTakeCustomer({
      ...base(),
      reseller: reseller({ status: { mpaSigned: false } }),
      customer: customer({ country: 'US' }),
      partnerships: [],
    });
    expect(codes(decision)).to.deep.equal([
      'M2.reseller-mpa-not-signed',
      'P5.no-active-partnership',
      'C7.different-region',
    ]);
  });
});

describe('what a customer request must carry and say (P9, C9, C5, C6)', () => {
  const partnered = [partnership('prov-contoso-dist', 'res-fabrikam')];

  it('refuses a request from a reseller with no MPN ID to put on record, before Partner Center does (P9)', () => {
    const noMpn = { ...reseller(), mpnId: undefined };
    const decision = mayTakeCustomer({
      provider: provider(),
      reseller: noMpn,
      customer: customer(),
      partnerships: partnered,
    });
    expect(codes(decision)).to.deep.equal(['P9.reseller-mpn-id-missing']);
  });

  it('says an unsigned reseller MPA once, though P9 and M2 both require it (M2, P9)', () => {
    const decision = mayTakeCustomer({
      provider: provider(),
      reseller: reseller({ status: { mpaSigned: false } }),
      customer: customer(),
      partnerships: partnered,
    });
    expect(codes(decision).filter((c) => c === 'M2.reseller-mpa-not-signed')).to.have.length(1);
  });

  it('treats a reseller naming its own company as buying for its own use: a separate Customer tenant (C8, C9)', () => {
    const own = customer({ domain: 'fabrikam.se', ownerPartnerId: 'res-fabrikam', tenantType: 'partner-csp-tenant' });
    const decision = mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: own,
      partnerships: partnered,
    });
    expect(codes(decision)).to.include.members(['C8.customer-is-partner-itself', 'C9.partner-csp-tenant']);
    expect(decision.violations.find((v) => v.rule === 'C8')?.facts.party).to.equal('reseller');
    expect(optionCodes(decision)).to.include('C9.use-separate-customer-tenant');
  });

  it('says subscriptions change on the Microsoft 365 side, and for Azure that the customer gives tenant owner (C5, C6)', () => {
    const m365 = [{ offerId: 'CFQ7TTC0LH18:0001', offerName: 'Microsoft 365 Business Basic' }];
    expect(customerRequestGuidance(m365).map((g) => `${g.rule} ${g.code}`)).to.deep.equal([
      'C5 subscriptions-changed-on-microsoft-365-side',
    ]);
    const azure = [...m365, { offerId: 'DZH318Z0BPS6:0001', offerName: 'Azure plan' }];
    expect(customerRequestGuidance(azure).map((g) => g.rule)).to.deep.equal(['C5', 'C6']);
    expect(customerRequestGuidance([{ offerId: 'X:1', offerName: 'Azure Reserved VM' }]).map((g) => g.rule)).to.include(
      'C6',
    );
  });
});
