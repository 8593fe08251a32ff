// Unit tests of bot/slack/distributorWords.ts: the one Slack wording of refusals.
import { expect } from 'chai';
import {
  customerRefusalText,
  ephemeral,
  partnershipRefusalText,
  refusedText,
} from '../../../bot/slack/distributorWords';
import { translatorFor } from '../../../i18n/i18n';
import type { Refusal } from '../../../services/partnerships/types';

/** The one Slack vocabulary for refusals, as a rep reads it. */
describe('Slack refusal text (bot/slack/distributorWords.ts)', () => {
  const t = translatorFor('en');
  const twoRules: Refusal = {
    kind: 'rules',
    violations: [{ rule: 'P1', code: 'P1.reseller-not-enrolled', facts: {} }],
    options: [{ rule: 'C1', code: 'C1.invite-customer' }],
  };

  it('tells a rep who may not act, and a workspace not set up, in the catalog’s words', () => {
    expect(refusedText(t, 'not-approver')).to.include('Only the approvers named in /csp setup');
    expect(refusedText(t, 'not-set-up')).to.include('not set up as a distributor');
  });

  it('words an access refusal from either service as the listener’s own check does', () => {
    const refusal: Refusal = { kind: 'access', code: 'not-approver' };
    expect(partnershipRefusalText(t, refusal)).to.equal(refusedText(t, 'not-approver'));
    expect(customerRefusalText(t, refusal)).to.equal(refusedText(t, 'not-approver'));
  });

  it('words a rule in the distributor’s words, not the reseller’s (P1)', () => {
    expect(partnershipRefusalText(t, twoRules)).to.include('The reseller is not enrolled').and.not.include('You are');
  });

  it('puts a partnership refusal’s messages one a line, a customer refusal’s one a paragraph', () => {
    expect(partnershipRefusalText(t, twoRules).split('\n')).to.have.length(2);
    expect(customerRefusalText(t, twoRules).split('\n\n')).to.have.length(2);
  });

  it('answers the acting rep alone and leaves the message they acted on as it was', () => {
    expect(ephemeral('No.')).to.deep.equal({ response_type: 'ephemeral', replace_original: false, text: 'No.' });
  });
});
