import { expect } from 'chai';
import { newDraft } from '../../../services/enrolment/enrolmentProgress';
import { domainsWithContact } from '../../../services/enrolment/ownDomains';

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
