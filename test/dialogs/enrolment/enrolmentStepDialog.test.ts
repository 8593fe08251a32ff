import { EnrolmentStepDialog, type EnrolmentStepOptions } from '../../../dialogs/enrolment/enrolmentStepDialog';
import { ANNA, back, type DialogCase, enrolmentDeps, pick, play, rulesOf, save, TAILSPIN } from './dialogTable';

/**
 * One step of the checklist (EnrolmentStepDialog) turn by turn through DialogTestClient: the card, what
 * the reseller sends, and either the card again with why (the rule) or the step done. Rows name the
 * rule they check (docs/rules.md); the rest prove the way around.
 */
const STEP_CASES: Array<DialogCase & { step: EnrolmentStepOptions['step'] }> = [
  {
    name: 'asks for the PartnerID, hints at the card when the ID is typed, refuses a malformed one, keeps a good one',
    step: 'mpn-id',
    turns: [
      { rule: 'E2', sends: 'hi', shows: ['PartnerID (E2, E3)', 'for example 6789012'] },
      { rule: 'hint', sends: '6789012', shows: ['Please answer with the card above', 'PartnerID (E2, E3)'] },
      {
        rule: 'E2',
        sends: save('mpn-id', { mpnId: 'not-a-number' }),
        shows: ['Nothing was saved', 'That is not a valid PartnerID', 'not-a-number'],
      },
      { rule: 'E2', sends: save('mpn-id', TAILSPIN['mpn-id']), shows: [], then: 'complete' },
    ],
  },
  {
    name: 'refuses an PartnerID Microsoft does not know',
    step: 'mpn-id',
    turns: [
      { rule: 'E2', sends: 'hi', shows: ['PartnerID (E2, E3)'] },
      {
        rule: 'E2',
        sends: save('mpn-id', { mpnId: '9999999' }),
        shows: ['Microsoft does not know PartnerID 9999999 (rule E2)'],
      },
    ],
  },
  {
    name: 'asks for a work account with Global admin credentials',
    step: 'work-account',
    turns: [
      { rule: 'E2', sends: 'hi', shows: ['Global admin'] },
      {
        rule: 'E2',
        sends: save('work-account', { hasWorkAccount: 'true', globalAdmin: 'false' }),
        shows: ['Global admin credentials of the work account (rule E2)'],
      },
      {
        rule: 'E2',
        sends: save('work-account', { hasWorkAccount: 'false', globalAdmin: 'false' }),
        shows: ['There is no work account yet (rule E2)'],
      },
      { rule: 'E2', sends: save('work-account', TAILSPIN['work-account']), shows: [], then: 'complete' },
    ],
  },
  {
    name: 'refuses a primary contact on web-based mail and keeps what was typed',
    step: 'primary-contact',
    turns: [
      { rule: 'E4', sends: 'hi', shows: ['Primary contact (E2, E4)'] },
      {
        rule: 'E4',
        sends: save('primary-contact', { contactName: 'Anna Nowak', contactEmail: 'anna@gmail.com', contactPhone: '' }),
        shows: ['web-based mail service (gmail.com) (rule E4)', 'anna@gmail.com', 'Anna Nowak'],
      },
      { rule: 'E4', sends: save('primary-contact', TAILSPIN['primary-contact']), shows: [], then: 'complete' },
    ],
  },
  {
    name: 'refuses a legal business country other than the saved MPN profile’s, naming the MPN step',
    step: 'legal-business-profile',
    given: (deps) => deps.service.answer(ANNA, 'mpn-id', TAILSPIN['mpn-id']),
    turns: [
      { rule: 'E2', sends: 'hi', shows: ['Legal business'] },
      {
        rule: 'E3',
        sends: save('legal-business-profile', { ...TAILSPIN['legal-business-profile'], country: 'SE' }),
        shows: [
          'PartnerID 6789012 is registered in PL, but your Azure AD tenant is in SE (rule E3)',
          'Open “PartnerID”',
        ],
      },
    ],
  },
  {
    name: 'asks a partner already enrolled in CSP only for its PartnerID, country and support contact',
    step: 'already-enrolled',
    turns: [
      { rule: 'E7', sends: 'hi', shows: ['Already enrolled in CSP (E7)', 'PartnerID (PLA ID, formerly MPN ID)'] },
      {
        rule: 'E7',
        sends: save('already-enrolled', {
          mpnId: '2345678',
          country: 'PL',
          supportEmail: '',
          supportPhone: '+48 22 123 45 67',
          supportUrl: '',
        }),
        shows: [],
        then: 'complete',
      },
    ],
  },
  {
    name: 'hands back to the checklist on Back, and on another card’s button',
    step: 'support-contact',
    turns: [
      { rule: 'E2', sends: 'hi', shows: ['Customer-support contact'] },
      { rule: 'back', sends: back, shows: [], then: 'complete' },
      { rule: 'E2', sends: 'hi', shows: ['Customer-support contact'] },
      { rule: 'other card', sends: pick('mpn-id'), shows: [], then: 'complete' },
    ],
  },
];

describe('EnrolmentStepDialog: one step of the checklist, turn by turn (DialogTestClient)', () => {
  for (const { name, step, given, turns } of STEP_CASES) {
    const rules = rulesOf(turns);
    it(rules.length > 0 ? `${name} (${rules.join(', ')})` : name, async () => {
      const deps = enrolmentDeps();
      await given?.(deps);
      await play(new EnrolmentStepDialog(deps), { step } satisfies EnrolmentStepOptions, turns);
    });
  }
});
