import { expect } from 'chai';
import { domainOfMember, ownAddressOf, type ReportedMember, standingOf } from '../../../services/rules/memberDomain';

/**
 * E7 with E4: the company domain a Teams member's own account stands for. A reseller already in CSP gives
 * no primary contact, so this is its domain for C8–C10; a guest, a person of another tenant, webmail and
 * Microsoft's initial domain prove nothing.
 */
describe('the domain a member’s own account stands for (E7, E4)', () => {
  const TENANT = '22222222-2222-4222-8222-222222222222';
  const rows: Array<[string, ReportedMember, string]> = [
    [
      'a member’s UPN, lower case',
      { userPrincipalName: 'Piotr.Nowak@Fabrikam-IT.pl', userRole: 'user' },
      'fabrikam-it.pl',
    ],
    ['a UPN on a subdomain', { userPrincipalName: 'piotr@eu.fabrikam-it.pl' }, 'eu.fabrikam-it.pl'],
    [
      'a member of this tenant, said so',
      { userPrincipalName: 'piotr@fabrikam-it.pl', tenantId: TENANT },
      'fabrikam-it.pl',
    ],
    [
      'the UPN, not a mail attribute on another domain',
      { userPrincipalName: 'piotr@fabrikam-it.pl', email: 'piotr@elsewhere.example' },
      'fabrikam-it.pl',
    ],
    ['a guest’s UPN (#EXT#)', { userPrincipalName: 'jan_contoso.com#EXT#@fabrikamit.onmicrosoft.com' }, 'guest'],
    ['a guest’s UPN (#ext#, any case)', { userPrincipalName: 'jan_contoso.com#ext#@fabrikam-it.pl' }, 'guest'],
    ['the guest role', { userPrincipalName: 'jan@contoso.com', userRole: 'guest' }, 'guest'],
    ['an anonymous meeting guest', { userPrincipalName: 'someone@contoso.com', userRole: 'anonymous' }, 'guest'],
    [
      'a member of another tenant',
      { userPrincipalName: 'jan@contoso.com', tenantId: 'another-tenant' },
      'other-tenant',
    ],
    ['webmail (E4)', { userPrincipalName: 'piotr.nowak@outlook.com' }, 'webmail'],
    ['webmail by country (E4)', { userPrincipalName: 'piotr@hotmail.co.uk' }, 'webmail'],
    [
      'the tenant’s initial domain, Microsoft’s',
      { userPrincipalName: 'piotr@fabrikamit.onmicrosoft.com' },
      'initial-domain',
    ],
    ['no UPN, only a mail attribute', { email: 'piotr@fabrikam-it.pl' }, 'no-upn'],
    ['a UPN without a domain', { userPrincipalName: 'piotr' }, 'no-upn'],
    ['a UPN whose domain is not one', { userPrincipalName: 'piotr@localhost' }, 'not-a-domain'],
  ];
  for (const [what, member, expected] of rows) {
    it(`${expected.includes('.') ? 'takes' : `counts no domain for (${expected})`} ${what}`, () => {
      const found = domainOfMember(member, TENANT);
      expect(found).to.deep.equal(
        expected.includes('.') ? { owned: true, domain: expected } : { owned: false, why: expected },
      );
    });
  }

  it('reads the tenant id in any case', () => {
    const member = { userPrincipalName: 'piotr@fabrikam-it.pl', tenantId: TENANT.toUpperCase() };
    expect(domainOfMember(member, TENANT)).to.deep.equal({ owned: true, domain: 'fabrikam-it.pl' });
  });
});

/** P3 with E4, E7: the address a member's account vouches for, to match an invitation by (listing, declining). */
describe('ownAddressOf: the address a member’s own account vouches for', () => {
  const TENANT = '22222222-2222-4222-8222-222222222222';
  it('is the UPN, in lower case, of the organisation’s own member', () => {
    const member = { userPrincipalName: 'Piotr.Nowak@Fabrikam-IT.pl', email: 'p@elsewhere.example', userRole: 'user' };
    expect(ownAddressOf(member, TENANT)).to.equal('piotr.nowak@fabrikam-it.pl');
  });

  const none: Array<[string, ReportedMember]> = [
    [
      'a guest, whatever home address Teams gives as their mail',
      { userPrincipalName: 'ola_fabrikam-it.pl#EXT#@wingtip.onmicrosoft.com', email: 'ola@fabrikam-it.pl' },
    ],
    ['a webmail account (E4)', { userPrincipalName: 'fabrikam.it@gmail.com', email: 'fabrikam.it@gmail.com' }],
    ['a member of another tenant', { userPrincipalName: 'piotr@fabrikam-it.pl', tenantId: 'another-tenant' }],
    ['someone with only a mail attribute', { email: 'piotr@fabrikam-it.pl' }],
  ];
  for (const [what, member] of none) {
    it(`is none for ${what}`, () => expect(ownAddressOf(member, TENANT)).to.equal(undefined));
  }
});

/** Who a notice to a whole reseller organisation is for (P2, P7, G2): its own people, never someone of another. */
describe('whether an account is the organisation’s own or a guest (E7, E4)', () => {
  const TENANT = '22222222-2222-4222-8222-222222222222';
  const rows: Array<[string, ReportedMember, 'member' | 'guest']> = [
    ['a member, said so', { userPrincipalName: 'piotr@fabrikam-it.pl', userRole: 'user', tenantId: TENANT }, 'member'],
    ['a member on webmail: not the company’s domain, still its person', { userPrincipalName: 'p@gmail.com' }, 'member'],
    ['the guest role', { userPrincipalName: 'jan@contoso.com', userRole: 'guest' }, 'guest'],
    ['a guest’s UPN (#EXT#), whatever the role says', { userPrincipalName: 'jan_contoso.com#EXT#@f.pl' }, 'guest'],
    ['an anonymous meeting guest', { userRole: 'anonymous' }, 'guest'],
    ['a member of another tenant', { userPrincipalName: 'jan@contoso.com', tenantId: 'another-tenant' }, 'guest'],
  ];
  for (const [what, member, expected] of rows) {
    it(`counts ${what} as ${expected === 'member' ? 'one of its own' : 'a guest'}`, () => {
      expect(standingOf(member, TENANT)).to.equal(expected);
    });
  }
});
