import { expect } from 'chai';
import { translatorFor } from '../../i18n/i18n';
import { lookupMessage } from '../../services/partnerships/messages';
import { DEMO, fresh, seedReseller } from '../partnerships/fixtures';
import { onEveryBackend, teamsUser } from '../partnerships/serviceHarness';

/** Issue 13 point 8: an invitation code is a link anyone may hold; its answer belongs to the organisation that gave it. */
onEveryBackend('Faults: reusing an answered invitation code (issue 13 point 8, P2, P3)', (h) => {
  async function answeredInvitation() {
    const tenantId = fresh();
    const email = `contact-${tenantId}@fabrikam.example`;
    await seedReseller(h().partners, { ...DEMO.resellerReady, primaryContactEmail: email }, { tenantId });
    const { code } = await h().invite(email);
    const answered = await h().service.answers.decline(code, {
      tenantId,
      actor: { ...teamsUser(7), name: 'Piotr Nowak' },
    });
    expect(answered.ok).to.equal(true);
    const lookup = await h().service.invitations.openInvitation(code);
    if (lookup.status === 'valid') throw new Error('the invitation should be answered');
    return { tenantId, lookup };
  }

  it('tells a stranger only that the code was answered: not who answered it, nor when', async () => {
    const { lookup } = await answeredInvitation();
    for (const reader of [fresh(), undefined]) {
      const shown = lookupMessage(lookup, reader);
      expect(shown.key).to.equal('partnerships:invitation.closed');
      const text = translatorFor('en')(shown.key, shown.params);
      expect(text)
        .to.not.include('Piotr')
        .and.not.match(/\d{4}|\d{1,2}:\d{2}/);
    }
  });

  it('still tells the organisation that answered who did it and when', async () => {
    const { tenantId, lookup } = await answeredInvitation();
    const shown = lookupMessage(lookup, tenantId);
    expect(shown.key).to.equal('partnerships:invitation.declined');
    expect(translatorFor('en')(shown.key, shown.params)).to.include('Piotr Nowak');
  });
});
