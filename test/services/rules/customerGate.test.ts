import { expect } from 'chai';
import { mayAskForCustomers } from '../../../services/rules';
import { codes, provider, reseller } from './fixtures';

describe('the early gate of customer requests, before any form (P1, M1, M2, M3, P5)', () => {
  const rows: Array<[string, Parameters<typeof mayAskForCustomers>, string[]]> = [
    ['lets an enrolled reseller with the MPA and a distributor ask', [reseller(), [provider()]], []],
    [
      'refuses a reseller whose MPA Partner Center shows unsigned (M2)',
      [reseller({ status: { mpaSigned: false } }), [provider()]],
      ['M2.reseller-mpa-not-signed'],
    ],
    [
      'refuses a reseller that is not enrolled as an indirect reseller (M3, as P1 asks too)',
      [reseller({ status: { enrolment: 'submitted', verification: 'Pending' } }), [provider()]],
      ['M3.not-enrolled-as-indirect-reseller'],
    ],
    ['refuses a reseller with no active partnership (P5)', [reseller(), []], ['P5.no-active-partnership']],
    [
      'refuses when no distributor of the reseller has signed the MPA itself (M1)',
      [reseller(), [provider({ status: { mpaSigned: false } })]],
      ['M1.mpa-not-signed'],
    ],
    [
      'lets a reseller ask when one of its distributors has signed the MPA (M1)',
      [reseller(), [provider({ status: { mpaSigned: false } }), provider({ id: 'prov-other' })]],
      [],
    ],
    [
      'gives a new reseller every reason at once (M3, M2, P5)',
      [reseller({ status: { onboardedInPartnerCenter: false, enrolment: 'not-started', mpaSigned: false } }), []],
      [
        'M3.not-onboarded',
        'M3.not-enrolled-as-indirect-reseller',
        'M2.reseller-mpa-not-signed',
        'P5.no-active-partnership',
      ],
    ],
  ];
  for (const [name, args, expected] of rows) {
    it(name, () => {
      expect(codes(mayAskForCustomers(...args))).to.deep.equal(expected);
    });
  }
});
