import { expect } from 'chai';
import type { PartnerDraft } from '../../../services/domain/partner';
import { applyAnswer, checkAnswer, checkWhatParsed } from '../../../services/enrolment/answerEffects';
import { type AnswerStep, parseAnswer } from '../../../services/enrolment/enrolmentAnswers';
import { newDraft } from '../../../services/enrolment/enrolmentProgress';
import { defaultWebmailList } from '../../../services/rules/webmail';

const TENANT = '88888888-8888-4888-8888-888888888882';

/** The violations the rules give for one answer, applied to a draft (a fresh one unless given), as the service does. */
function verdict(step: AnswerStep, raw: unknown, draft: PartnerDraft = newDraft(TENANT)): string[] {
  const parsed = parseAnswer(step, raw);
  if (!parsed.ok) throw new Error(`unparsed ${step}: ${JSON.stringify(parsed.problems)}`);
  const next = applyAnswer(draft, step, parsed.answer, draft.mpnProfile);
  return checkAnswer(step, next, parsed.answer, defaultWebmailList).violations.map((v) => v.code);
}

describe('what one enrolment answer does to the draft, and which rules keep it (E2–E4, M4)', () => {
  const account = (hasWorkAccount: boolean, globalAdmin: boolean) => ({
    hasWorkAccount: String(hasWorkAccount),
    globalAdmin: String(globalAdmin),
  });
  const contact = (contactEmail: string) => ({ contactName: 'Anna', contactEmail });
  const rows: Array<[string, AnswerStep, unknown, string[]]> = [
    ['no work account yet (E2)', 'work-account', account(false, false), ['E2.work-account-missing']],
    ['a work account without a Global admin (E2)', 'work-account', account(true, false), ['E2.global-admin-required']],
    ['a work account with a Global admin (E2)', 'work-account', account(true, true), []],
    ['a webmail primary contact (E4)', 'primary-contact', contact('anna@gmail.com'), ['E4.webmail-primary-contact']],
    ['a company primary contact (E4)', 'primary-contact', contact('anna@tailspintoys.pl'), []],
  ];
  for (const [what, step, raw, codes] of rows) {
    it(`${codes.length ? 'refuses' : 'keeps'} ${what}`, () => {
      expect(verdict(step, raw)).to.deep.equal(codes);
    });
  }

  it('refuses a country that contradicts the MPN ID profile (E3)', () => {
    const withMpn = { ...newDraft(TENANT), mpnId: '6789012', mpnProfile: { country: 'PL', active: true } };
    const inSweden = {
      legalName: 'Tailspin Toys',
      line1: 'Storgatan 1',
      city: 'Stockholm',
      postalCode: '111 22',
      country: 'se',
    };
    expect(verdict('legal-business-profile', inSweden, withMpn)).to.deep.equal(['E3.mpn-country-mismatch']);
  });

  it('records an MPA tick as what the reseller told us, never as signed (M4)', () => {
    const parsed = parseAnswer('mpa', { mpaSigned: 'true' });
    if (!parsed.ok) throw new Error('unparsed');
    const next = applyAnswer(newDraft(TENANT), 'mpa', parsed.answer, undefined);
    expect(next.status).to.include({ mpaReportedSigned: true, mpaSigned: false, enrolment: 'in-progress' });
  });

  it('names the webmail address of a form refused for its missing name, so both show at once (E4)', () => {
    const raw = { contactName: '', contactEmail: 'anna@gmail.com' };
    expect(parseAnswer('primary-contact', raw).ok).to.equal(false);
    const codes = checkWhatParsed('primary-contact', raw, newDraft(TENANT), defaultWebmailList).map((v) => v.code);
    expect(codes).to.deep.equal(['E4.webmail-primary-contact']);
  });
});
