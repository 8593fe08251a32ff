import { expect } from 'chai';
import {
  checkAdminAgent,
  checkMpnCountry,
  checkPrimaryContact,
  checkSupportContact,
  checkWorkAccount,
  enrolmentReadiness,
  loadWebmailList,
} from '../../../services/rules';
import { codes, emptyDraft, gatheredDraft, optionCodes } from './fixtures';

describe('enrolment readiness (E2–E7)', () => {
  const rows: Array<{ name: string; draft: Parameters<typeof enrolmentReadiness>[0]; violations: string[] }> = [
    {
      name: 'lists every E2 prerequisite as missing for a partner who has given nothing yet (E2)',
      draft: emptyDraft(),
      violations: [
        'E2.work-account-missing',
        'E2.mpn-id-missing',
        'E2.legal-name-missing',
        'E2.address-missing',
        'E2.primary-contact-missing',
        'E2.support-contact-missing',
      ],
    },
    {
      name: 'asks for Global admin credentials when the work account was signed in by someone else (E2)',
      draft: gatheredDraft({ status: { globalAdminConfirmed: false } }),
      violations: ['E2.global-admin-required'],
    },
    {
      name: 'refuses an MPN ID whose company profile is in another country than the tenant (E3)',
      draft: gatheredDraft({ mpnProfile: { country: 'NO', active: true } }),
      violations: ['E3.mpn-country-mismatch'],
    },
    {
      name: 'refuses an MPN ID of an inactive company profile (E3)',
      draft: gatheredDraft({ mpnProfile: { country: 'SE', active: false } }),
      violations: ['E3.mpn-profile-inactive'],
    },
    {
      name: 'asks to look up the MPN profile before enrolling (E3)',
      draft: gatheredDraft({ mpnProfile: undefined }),
      violations: ['E3.mpn-profile-not-checked'],
    },
    {
      name: 'refuses a primary contact on gmail.com (E4)',
      draft: gatheredDraft({ primaryContact: { name: 'Erik', email: 'erik.fabrikam@gmail.com' } }),
      violations: ['E4.webmail-primary-contact'],
    },
    {
      name: 'tells a partner with everything gathered to submit the enrolment (E5)',
      draft: gatheredDraft(),
      violations: ['E5.enrolment-not-submitted'],
    },
    {
      name: 'reports a pending verification as the thing still in the way (E5)',
      draft: gatheredDraft({
        status: { enrolment: 'submitted', verification: 'Pending', verificationSubStatus: 'EmailOwnership' },
      }),
      violations: ['E5.verification-pending'],
    },
    {
      name: 'reports a rejected verification (E5)',
      draft: gatheredDraft({
        status: { enrolment: 'submitted', verification: 'Rejected', verificationSubStatus: 'BusinessVerification' },
      }),
      violations: ['E5.verification-rejected'],
    },
    {
      name: 'reports the missing Admin agent role once the account is ready (E6)',
      draft: gatheredDraft({
        status: { enrolment: 'enrolled', verification: 'Authorized', adminAgentAssigned: false },
      }),
      violations: ['E6.admin-agent-missing'],
    },
    {
      name: 'is ready when the account is verified and the user is an Admin agent (E2–E6)',
      draft: gatheredDraft({ status: { enrolment: 'enrolled', verification: 'Authorized', adminAgentAssigned: true } }),
      violations: [],
    },
    {
      name: 'asks an already CSP-enrolled partner only for its customer-support details (E7)',
      draft: emptyDraft({
        status: {
          enrolment: 'in-progress',
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: true,
          cspEnrolled: true,
        },
      }),
      violations: ['E2.support-contact-missing'],
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const { decision } = enrolmentReadiness(row.draft);
      expect(codes(decision)).to.deep.equal(row.violations);
      expect(decision.allowed).to.equal(row.violations.length === 0);
    });
  }

  it('names the webmail address and its domain in the E4 facts (E4)', () => {
    const { decision } = enrolmentReadiness(
      gatheredDraft({ primaryContact: { name: 'E', email: 'Erik@Hotmail.co.uk' } }),
    );
    // Mail domains are case-insensitive: the address is kept with its domain as DNS writes it.
    expect(decision.violations[0]).to.deep.include({
      rule: 'E4',
      code: 'E4.webmail-primary-contact',
      facts: { email: 'Erik@hotmail.co.uk', domain: 'hotmail.co.uk' },
    });
  });

  it('refuses an .onmicrosoft.com primary contact with its own reason, not the webmail one (E4)', () => {
    const { decision } = enrolmentReadiness(
      gatheredDraft({ primaryContact: { name: 'E', email: 'erik@fabrikam.onmicrosoft.com' } }),
    );
    expect(decision.violations.map((v) => v.code)).to.deep.equal(['E4.initial-domain-primary-contact']);
    expect(decision.violations[0].facts).to.deep.equal({
      email: 'erik@fabrikam.onmicrosoft.com',
      domain: 'fabrikam.onmicrosoft.com',
    });
  });

  it('names both countries in the E3 facts (E3)', () => {
    const { decision } = enrolmentReadiness(gatheredDraft({ mpnProfile: { country: 'NO', active: true } }));
    expect(decision.violations[0].facts).to.deep.equal({ mpnId: '2000002', mpnCountry: 'NO', tenantCountry: 'SE' });
  });

  it('shows a progress card its steps in order, with their status (E2–E6)', () => {
    const { steps } = enrolmentReadiness(gatheredDraft({ mpnId: undefined, mpnProfile: undefined }));
    expect(steps.map((s) => [s.id, s.status])).to.deep.equal([
      ['work-account', 'done'],
      ['mpn-id', 'missing'],
      ['legal-business-profile', 'done'],
      ['primary-contact', 'done'],
      ['support-contact', 'done'],
      ['mpn-country', 'waiting'],
      ['submitted', 'waiting'],
      ['verification', 'waiting'],
      ['admin-agent', 'waiting'],
    ]);
  });

  it('marks every step but the support contact not needed for a CSP-enrolled partner (E7)', () => {
    const { steps } = enrolmentReadiness(
      emptyDraft({
        supportContact: { email: 'help@fabrikam.se' },
        status: {
          enrolment: 'in-progress',
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: true,
          cspEnrolled: true,
        },
      }),
    );
    expect(steps.filter((s) => s.status !== 'not-needed').map((s) => [s.id, s.status])).to.deep.equal([
      ['support-contact', 'done'],
    ]);
    expect(steps.every((s) => s.rule === 'E7')).to.equal(true);
  });

  it('shows verification as waiting while Microsoft reviews and admin agent as to do once authorised (E5, E6)', () => {
    const pending = enrolmentReadiness(
      gatheredDraft({ status: { enrolment: 'submitted', verification: 'Pending' } }),
    ).steps;
    expect(pending.find((s) => s.id === 'verification')?.status).to.equal('waiting');
    expect(pending.find((s) => s.id === 'submitted')?.status).to.equal('done');
    const ready = enrolmentReadiness(
      gatheredDraft({ status: { enrolment: 'enrolled', verification: 'Authorized' } }),
    ).steps;
    expect(ready.find((s) => s.id === 'verification')?.status).to.equal('done');
    expect(ready.find((s) => s.id === 'admin-agent')?.status).to.equal('missing');
  });
});

describe('enrolment step validators (E2, E3, E4, E6)', () => {
  it('offers to create a work account during enrolment when there is none (E2)', () => {
    const decision = checkWorkAccount(emptyDraft());
    expect(codes(decision)).to.deep.equal(['E2.work-account-missing']);
    expect(optionCodes(decision)).to.deep.equal(['E2.create-work-account']);
  });

  const primaryContactRows: Array<[string, boolean]> = [
    ['anna@gmail.com', false],
    ['anna@googlemail.com', false],
    ['anna@yahoo.com', false],
    ['anna@yahoo.co.uk', false],
    ['anna@ymail.com', false],
    ['anna@icloud.com', false],
    ['anna@me.com', false],
    ['anna@mac.com', false],
    ['anna@aol.com', false],
    ['anna@outlook.com', false],
    ['anna@hotmail.se', false],
    ['anna@live.com.au', false],
    ['anna@msn.com', false],
    ['admin@fabrikam.onmicrosoft.com', false],
    ['anna@fabrikam.se', true],
    ['anna@yahoo.fabrikam.de', true],
    ['anna@mail.fabrikam.com', true],
  ];
  for (const [email, accepted] of primaryContactRows) {
    it(`${accepted ? 'accepts' : 'refuses'} a primary contact at ${email} (E4)`, () => {
      const decision = checkPrimaryContact({ email });
      expect(decision.allowed).to.equal(accepted);
      if (!accepted) expect(decision.violations[0].rule).to.equal('E4');
    });
  }

  it('applies an operator list that adds a provider (E4)', () => {
    const webmail = loadWebmailList({ add: ['proton.me'] });
    expect(checkPrimaryContact({ email: 'a@proton.me' }, webmail).allowed).to.equal(false);
    expect(checkPrimaryContact({ email: 'a@proton.me' }).allowed).to.equal(true);
  });

  it('accepts any one customer-support channel and refuses none (E2)', () => {
    expect(checkSupportContact({ url: 'https://help.fabrikam.se' }).allowed).to.equal(true);
    expect(codes(checkSupportContact({}))).to.deep.equal(['E2.support-contact-missing']);
  });

  it('waits for the MPN ID before judging the MPN country (E3)', () => {
    expect(checkMpnCountry({ country: 'SE' }).allowed).to.equal(true);
  });

  it('compares the MPN country with the address country when no tenant country is recorded (E3)', () => {
    const decision = checkMpnCountry({
      mpnId: '123456',
      mpnProfile: { country: 'DK', active: true },
      address: { line1: 'x', city: 'Malmö', country: 'SE' },
    });
    expect(decision.violations[0].facts).to.include({ mpnCountry: 'DK', tenantCountry: 'SE' });
  });

  it('asks for nothing about the Admin agent role before the account is ready (E6)', () => {
    const status = gatheredDraft({
      status: { enrolment: 'submitted', verification: 'Pending', adminAgentAssigned: false },
    }).status;
    expect(checkAdminAgent(status).allowed).to.equal(true);
  });
});
