import { EnrolmentDialog } from '../../../dialogs/enrolment/enrolmentDialog';
import { back, type DialogCase, enrolmentDeps, pick, play, rulesOf, save, TAILSPIN } from './dialogTable';

/**
 * The checklist (EnrolmentDialog) turn by turn through DialogTestClient: what a reseller sends and what
 * the checklist answers. Rows name the rule they check (docs/rules.md); the rest prove the way around.
 */
const CHECKLIST = 'Your enrolment as an indirect reseller';

const CASES: DialogCase[] = [
  {
    name: 'shows what enrolment asks for, then the card of the step picked',
    turns: [
      { rule: 'E2', sends: 'enroll', shows: [CHECKLIST, '⬜ Your PartnerID: to do (E2)'] },
      { rule: 'E4', sends: 'enroll', shows: ['⬜ Primary contact (not on web-based mail): to do (E4)'] },
      { rule: 'E2', sends: pick('mpn-id'), shows: ['PartnerID (E2, E3)', 'Save', 'Back to the list'] },
    ],
  },
  {
    name: 'answers typed text with a hint to pick a step',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      { rule: 'hint', sends: 'hello', shows: [CHECKLIST, 'Choose a step with one of the buttons below'] },
    ],
  },
  {
    name: 'refuses to submit before every answer is in, saying each that is missing',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      {
        rule: 'E2',
        sends: pick('submit'),
        shows: [
          'Enrolment must be done with Global admin credentials of the work account (rule E2)',
          'Your PartnerID (PLA ID, formerly MPN ID) is missing (rule E2)',
          'A primary contact is missing (rule E2)',
        ],
      },
    ],
  },
  {
    name: 'saves a step and ticks it off; Back leaves the list as it was',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      { rule: 'E2', sends: pick('mpn-id'), shows: ['PartnerID (E2, E3)'] },
      { rule: 'E2', sends: save('mpn-id', TAILSPIN['mpn-id']), shows: [CHECKLIST, '✅ Your PartnerID: done (E2)'] },
      { rule: 'back', sends: pick('primary-contact'), shows: ['Primary contact (E2, E4)'] },
      { rule: 'back', sends: back, shows: [CHECKLIST, '⬜ Primary contact (not on web-based mail): to do (E4)'] },
    ],
  },
  {
    name: 'refuses a primary contact on web-based mail, in the step card again',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      { rule: 'E4', sends: pick('primary-contact'), shows: ['Primary contact (E2, E4)'] },
      {
        rule: 'E4',
        sends: save('primary-contact', { contactName: 'Anna', contactEmail: 'anna@gmail.com', contactPhone: '' }),
        shows: ['web-based mail service (gmail.com) (rule E4)', 'Primary contact (E2, E4)'],
      },
    ],
  },
  {
    name: 'saves a current step card sent while the list is shown, and says an out-of-date one changed nothing',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      { rule: 'E2', sends: save('mpn-id', TAILSPIN['mpn-id']), shows: ['✅ Your PartnerID: done (E2)'] },
      { rule: 'stale card', sends: save('mpn-id', { mpnId: '1234567' }), shows: ['That card is out of date'] },
      { rule: 'E2', sends: 'enroll', shows: ['✅ Your PartnerID: done (E2)'] },
    ],
  },
  {
    name: 'submits a complete enrolment and says what happens next; the list then says it was submitted',
    turns: [
      { rule: 'start', sends: 'enroll', shows: [CHECKLIST] },
      ...Object.entries(TAILSPIN).map(([step, inputs]) => ({
        rule: 'E2',
        sends: save(step, inputs),
        shows: [CHECKLIST],
      })),
      {
        rule: 'E5',
        sends: pick('submit'),
        shows: ['Your enrolment has been submitted', 'anna.nowak@tailspintoys.pl', '3 to 5 business days'],
        then: 'complete',
      },
      { rule: 'E5', sends: 'enroll', shows: [CHECKLIST, "Type status to follow Microsoft's verification"] },
    ],
  },
];

describe('EnrolmentDialog: the checklist, turn by turn (DialogTestClient)', () => {
  for (const { name, turns } of CASES) {
    const rules = rulesOf(turns);
    it(rules.length > 0 ? `${name} (${rules.join(', ')})` : name, async () => {
      await play(new EnrolmentDialog(enrolmentDeps()), undefined, turns);
    });
  }
});
