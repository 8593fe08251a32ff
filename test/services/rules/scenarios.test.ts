import { expect } from 'chai';
import { isSupportedChain, mayBuyForOwnUse, mayPartner, mayTakeCustomer } from '../../../services/rules';
import { codes, customer, directBill, optionCodes, partnership, provider, reseller } from './fixtures';

/**
 * The sample scenarios of seeds/003 ("Supported partner transactions in the CSP program"),
 * one row each, asked the way a user of the services layer would ask them.
 */
describe('sample scenarios of the supported partner transactions (seed 003)', () => {
  it('scenario 1: a partner owning the end-to-end relationship sells as a direct-bill partner or through a provider and reseller (T2)', () => {
    expect(isSupportedChain(['microsoft', 'direct-bill', 'customer']).allowed).to.equal(true);
    expect(isSupportedChain(['microsoft', 'indirect-provider', 'indirect-reseller', 'customer']).allowed).to.equal(
      true,
    );
    expect(codes(isSupportedChain(['microsoft', 'indirect-reseller', 'customer']))).to.deep.equal([
      'T2.unsupported-chain',
    ]);
  });

  it('scenario 4: a partner buys for its own use from a direct-bill partner or a reseller, into a separate Customer tenant (C9)', () => {
    const providersOwnUse = customer({
      ownerPartnerId: 'prov-other',
      domain: 'litware-internal.se',
      tenantType: 'customer',
    });
    expect(mayBuyForOwnUse(directBill(), providersOwnUse).allowed).to.equal(true);
    const throughReseller = mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: providersOwnUse,
      partnerships: [partnership('prov-contoso-dist', 'res-fabrikam')],
    });
    expect(throughReseller.allowed).to.equal(true);
  });

  it('scenario 4: the same purchase into the partner’s CSP tenant is refused (C9)', () => {
    const intoCspTenant = customer({
      ownerPartnerId: 'prov-other',
      domain: 'litware.se',
      tenantType: 'partner-csp-tenant',
    });
    const decision = mayBuyForOwnUse(directBill(), intoCspTenant);
    expect(codes(decision)).to.deep.equal(['C9.partner-csp-tenant']);
    expect(optionCodes(decision)).to.deep.equal(['C9.use-separate-customer-tenant']);
  });

  it('scenario 5: a partner may not sell to itself or to its affiliates (C8)', () => {
    const withAffiliate = reseller({ affiliates: ['fabrikam-group.se'] });
    const question = (c: ReturnType<typeof customer>) =>
      mayTakeCustomer({
        provider: provider(),
        reseller: withAffiliate,
        customer: c,
        partnerships: [partnership('prov-contoso-dist', 'res-fabrikam')],
      });
    expect(codes(question(customer({ domain: 'fabrikam.se' })))).to.deep.equal(['C8.customer-is-partner-itself']);
    expect(codes(question(customer({ domain: 'fabrikam-group.se' })))).to.deep.equal(['C8.customer-is-affiliate']);
  });

  it('scenario 6: a reseller partnered with provider X cannot also become X’s customer, and is shown its three options (C10)', () => {
    const wouldBeCustomer = reseller({
      id: 'res-wingtip',
      tenantId: '77777777-7777-4777-8777-777777777777',
      domains: ['wingtip.se'],
    });
    const decision = mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({
        ownerPartnerId: 'res-wingtip',
        tenantId: wouldBeCustomer.tenantId,
        domain: 'wingtip.se',
        providerId: 'prov-contoso-dist',
      }),
      partnerships: [partnership('prov-contoso-dist', 'res-fabrikam'), partnership('prov-contoso-dist', 'res-wingtip')],
      partners: [wouldBeCustomer],
    });
    // Its CSP tenant is also no place to buy into for its own use (C9), so both reasons show.
    expect(codes(decision)).to.deep.equal(['C9.partner-csp-tenant', 'C10.reseller-cannot-be-provider-customer']);
    expect(decision.violations[1].facts).to.deep.equal({ resellerId: 'res-wingtip', providerId: 'prov-contoso-dist' });
    expect(optionCodes(decision)).to.include.members([
      'C10.separate-tenant',
      'C10.end-relationship-via-support-and-use-another-provider',
      'C10.stay-customer-and-resell-through-another-provider',
    ]);
  });

  it('scenario 7: a partner sells only to customers in its own region (C7)', () => {
    const decision = mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({ country: 'AU' }),
      partnerships: [partnership('prov-contoso-dist', 'res-fabrikam')],
    });
    expect(decision.violations).to.deep.equal([
      {
        rule: 'C7',
        code: 'C7.different-region',
        facts: { partnerCountry: 'SE', partnerRegion: 'europe', customerCountry: 'AU', customerRegion: 'australia' },
      },
    ]);
  });

  it('scenario 8: a provider establishes a relationship only with a reseller in its own region (P6)', () => {
    expect(mayPartner(provider(), reseller({ country: 'NO' })).allowed).to.equal(true);
    expect(codes(mayPartner(provider(), reseller({ country: 'IN' })))).to.deep.equal(['P6.different-region']);
  });
});
