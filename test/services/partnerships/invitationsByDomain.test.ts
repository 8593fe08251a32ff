import { expect } from 'chai';
import { fresh } from '../../support/fixtures/partnerships';
import { onEveryBackend } from '../../support/fixtures/serviceHarness';

/**
 * P2, P3 with E7 and E4: a reseller the directory does not know yet is found by its people's own company
 * domain (domainOfMember), person by person, for an invitation to an address there or below it.
 */
onEveryBackend('Invitations by the domain of the people heard from (P2, P3, E7)', (h) => {
  const member = (upn: string, tenantId: string, userRole = 'user') => ({ userPrincipalName: upn, userRole, tenantId });

  it('tells a person at the invited domain what waits, and finds them for an invitation sent later', async () => {
    const domain = `fabrikam-${fresh().slice(0, 8)}.pl`;
    const person = { tenantId: fresh(), aadObjectId: 'aad-piotr' };
    const early = await h().invite(`piotr@${domain}`);
    const told = await h().service.invitations.personMet(person, member(`piotr@${domain}`, person.tenantId));
    expect(told.map((w) => w.invitation.id)).to.deep.equal([early.invitation.id]);
    // An address one level below the person's own domain is their company's too; the top-level domain is no one's.
    expect(await h().service.invitations.peopleInvited({ email: `it@sales.${domain}` })).to.deep.equal([person]);
    expect(await h().service.invitations.peopleInvited({ email: `it@other-${domain}` })).to.deep.equal([]);
  });

  it('forgets a person the assistant can no longer reach at every domain they were heard at', async () => {
    const domain = `fabrikam-${fresh().slice(0, 8)}.pl`;
    const tenantId = fresh();
    const piotr = { tenantId, aadObjectId: 'aad-piotr' };
    const ewa = { tenantId, aadObjectId: 'aad-ewa' };
    await h().service.invitations.personMet(piotr, member(`piotr@${domain}`, tenantId));
    // Piotr's account moved to the sales subdomain since: he was heard at both.
    await h().service.invitations.personMet(piotr, member(`piotr@sales.${domain}`, tenantId));
    await h().service.invitations.personMet(ewa, member(`ewa@${domain}`, tenantId));

    await h().service.invitations.personForgotten(piotr);
    expect(await h().service.invitations.peopleInvited({ email: `it@sales.${domain}` })).to.deep.equal([ewa]);
    expect(await h().service.invitations.peopleInvited({ email: `it@${domain}` })).to.deep.equal([ewa]);
    expect(
      await h().store.records.indexRange(`partnerships:domains-of:${tenantId}:aad-piotr`, { limit: 10 }),
    ).to.deep.equal([]);

    // Heard again, as when he talks to the assistant again: found again.
    await h().service.invitations.personMet(piotr, member(`piotr@${domain}`, tenantId));
    const found = await h().service.invitations.peopleInvited({ email: `it@${domain}` });
    expect(found).to.have.deep.members([ewa, piotr]);
  });

  it('remembers no guest, webmail account or member of another tenant, and tells them nothing', async () => {
    const domain = `fabrikam-${fresh().slice(0, 8)}.pl`;
    const tenantId = fresh();
    await h().invite(`piotr@${domain}`);
    const accounts = [
      member(`ola_${domain}#EXT#@wingtip.onmicrosoft.com`, tenantId, 'guest'),
      member(`piotr@${domain}`, fresh()),
      member(`fabrikam.${domain.split('.')[0]}@gmail.com`, tenantId),
    ];
    for (const [i, account] of accounts.entries()) {
      expect(await h().service.invitations.personMet({ tenantId, aadObjectId: `aad-${i}` }, account)).to.deep.equal([]);
    }
    expect(await h().service.invitations.peopleInvited({ email: `piotr@${domain}` })).to.deep.equal([]);
  });
});
