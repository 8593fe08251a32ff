import { expect } from 'chai';
import { answerEndRequest } from '../../../services/partnerships/endRequest';
import { codes, emptyDraft, optionCodes, partnership } from '../rules/fixtures';

describe('a reseller asking to end its partnerships (P8)', () => {
  const withAcme = {
    partnership: partnership('prov-1', 'res-1'),
    provider: emptyDraft({ legalName: 'Acme Distribution' }),
  };
  const unnamed = { partnership: partnership('prov-2', 'res-1') };

  it('is refused with the way to Microsoft support, naming every provider and auditing each (P8)', () => {
    const answer = answerEndRequest('res-1', [withAcme, unnamed]);
    expect(answer.decision.allowed).to.equal(false);
    expect(codes(answer.decision)).to.deep.equal(['P8.reseller-cannot-end-partnership']);
    expect(optionCodes(answer.decision)).to.deep.equal(['P8.contact-microsoft-support']);
    expect(answer.providerNames).to.deep.equal(['Acme Distribution', 'prov-2']);
    expect(answer.auditedProviderIds).to.deep.equal(['prov-1', 'prov-2']);
  });

  it('is refused the same way with no partnership, and nothing to audit (P8)', () => {
    const answer = answerEndRequest('res-1', []);
    expect(codes(answer.decision)).to.deep.equal(['P8.reseller-cannot-end-partnership']);
    expect(answer.providerNames).to.deep.equal([]);
    expect(answer.auditedProviderIds).to.deep.equal([]);
  });
});
