import { expect } from 'chai';
import { newDraft } from '../../../services/enrolment/enrolmentProgress';
import { domainsWithContact, withMemberDomain } from '../../../services/enrolment/ownDomains';
import { defaultWebmailList } from '../../../services/rules/webmail';

/** A reseller's own domains, learnt from its primary contact (E4: never webmail), for C8. */
describe('a reseller’s own domains from its primary contact (C8, E4)', () => {
  const draft = (email?: string, domains: string[] = []) => ({
    ...newDraft('tenant-1'),
    domains,
    ...(email ? { primaryContact: { name: 'Anna Nowak', email } } : {}),
  });

  it('takes the contact’s domain, in lower case', () => {
    expect(domainsWithContact(draft(), 'Anna.Nowak@TailspinToys.PL')).to.deep.equal(['tailspintoys.pl']);
  });

  it('replaces a corrected contact’s old domain, and keeps domains known otherwise', () => {
    const before = draft('anna@tailspintoy.pl', ['tailspin-group.com', 'tailspintoy.pl']);
    expect(domainsWithContact(before, 'anna@tailspintoys.pl')).to.deep.equal(['tailspin-group.com', 'tailspintoys.pl']);
  });

  it('keeps one entry when the new contact is on the same domain', () => {
    expect(
      domainsWithContact(draft('anna@tailspintoys.pl', ['tailspintoys.pl']), 'piotr@tailspintoys.pl'),
    ).to.deep.equal(['tailspintoys.pl']);
  });
});

/** E7: a reseller already in CSP gives no primary contact; its member's own account stands for its domain. */
describe('a reseller’s own domain from its member’s Teams account (E7, C8)', () => {
  const draft = { ...newDraft('tenant-1'), domains: ['fabrikam-group.com'] };
  const piotr = { userPrincipalName: 'piotr@fabrikam-it.pl', userRole: 'user' };

  it('adds the member’s domain to the organisation’s own, and remembers it came from a member', () => {
    const next = withMemberDomain(draft, piotr, defaultWebmailList);
    expect(next.domains).to.deep.equal(['fabrikam-group.com', 'fabrikam-it.pl']);
    expect(next.memberDomains).to.deep.equal(['fabrikam-it.pl']);
  });

  it('changes nothing for a guest, webmail, or when Teams said nothing', () => {
    const guest = { userPrincipalName: 'jan_contoso.com#EXT#@fabrikamit.onmicrosoft.com', userRole: 'guest' };
    for (const member of [guest, { userPrincipalName: 'piotr@gmail.com' }, undefined]) {
      expect(withMemberDomain(draft, member, defaultWebmailList)).to.equal(draft);
    }
  });

  it('changes nothing when the member’s domain is already known from a member', () => {
    const known = withMemberDomain(draft, piotr, defaultWebmailList);
    expect(withMemberDomain(known, piotr, defaultWebmailList)).to.equal(known);
  });

  it('keeps a member’s domain when the primary contact is corrected to another domain', () => {
    const known = {
      ...withMemberDomain(draft, piotr, defaultWebmailList),
      primaryContact: { name: 'Piotr Nowak', email: 'piotr@fabrikam-it.pl' },
    };
    expect(domainsWithContact(known, 'piotr@fabrikam.com')).to.deep.equal([
      'fabrikam-group.com',
      'fabrikam-it.pl',
      'fabrikam.com',
    ]);
  });
});
