import { expect } from 'chai';
import {
  checkCspEnrolment,
  mayBeResellerOfRecord,
  mayTransact,
  providerMayTransactWith,
} from '../../../services/rules';
import { codes, directBill, provider, reseller } from './fixtures';

describe('transacting gates (M1, M2, M3, M5)', () => {
  const mayTransactRows: Array<[string, ReturnType<typeof reseller>, string[]]> = [
    ['lets a reseller that is onboarded, enrolled and has signed the MPA transact (M3)', reseller(), []],
    [
      'refuses a reseller that is not onboarded into Partner Center (M3)',
      reseller({ status: { onboardedInPartnerCenter: false } }),
      ['M3.not-onboarded'],
    ],
    [
      'refuses a reseller whose enrolment is still in progress (M3)',
      reseller({ status: { enrolment: 'in-progress' } }),
      ['M3.not-enrolled-as-indirect-reseller'],
    ],
    ['refuses a reseller without a signed MPA (M3)', reseller({ status: { mpaSigned: false } }), ['M3.mpa-not-signed']],
    [
      'lists all three missing requirements of a new reseller at once (M3)',
      reseller({ status: { onboardedInPartnerCenter: false, enrolment: 'not-started', mpaSigned: false } }),
      ['M3.not-onboarded', 'M3.not-enrolled-as-indirect-reseller', 'M3.mpa-not-signed'],
    ],
    ['refuses a provider without a signed MPA (M1)', provider({ status: { mpaSigned: false } }), ['M1.mpa-not-signed']],
    [
      'refuses a direct-bill partner without a signed MPA (M1)',
      directBill({ status: { mpaSigned: false } }),
      ['M1.mpa-not-signed'],
    ],
    ['lets a direct-bill partner with a signed MPA transact (M1)', directBill(), []],
  ];
  for (const [name, partner, expected] of mayTransactRows) {
    it(name, () => {
      const decision = mayTransact(partner);
      expect(codes(decision)).to.deep.equal(expected);
      expect(decision.allowed).to.equal(expected.length === 0);
    });
  }

  it('keeps a provider from new business with a reseller that has not signed the MPA (M2)', () => {
    const decision = providerMayTransactWith(provider(), reseller({ status: { mpaSigned: false } }));
    expect(decision.allowed).to.equal(false);
    expect(decision.violations).to.deep.equal([
      { rule: 'M2', code: 'M2.reseller-mpa-not-signed', facts: { resellerId: 'res-fabrikam' } },
    ]);
  });

  it('names the provider whose own MPA is missing (M1)', () => {
    const decision = providerMayTransactWith(provider({ status: { mpaSigned: false } }), reseller());
    expect(decision.violations).to.deep.equal([
      { rule: 'M1', code: 'M1.mpa-not-signed', facts: { partnerId: 'prov-contoso-dist' } },
    ]);
  });

  it('sends a partner still on Partner Membership Center to Partner Center first (M5)', () => {
    const decision = checkCspEnrolment(
      reseller({ status: { accountType: 'partner-membership-center', enrolment: 'not-started' } }),
    );
    expect(codes(decision)).to.deep.equal(['M5.move-to-partner-center']);
  });

  it('does not take an MPN membership for a CSP enrolment (M5)', () => {
    const decision = checkCspEnrolment(reseller({ status: { enrolment: 'not-started' } }));
    expect(decision.violations).to.deep.equal([
      { rule: 'M5', code: 'M5.not-enrolled-in-csp', facts: { partnerId: 'res-fabrikam', mpnId: '2000002' } },
    ]);
  });

  it('accepts a partner enrolled in CSP on a Partner Center account (M5)', () => {
    expect(checkCspEnrolment(reseller()).allowed).to.equal(true);
  });
});

describe('reseller of record (P9, M2)', () => {
  it('accepts the MPN ID the reseller onboarded with (P9)', () => {
    expect(mayBeResellerOfRecord(reseller(), { resellerMpnIdOnRecord: '2000002' }).allowed).to.equal(true);
  });

  it('accepts a subscription with no reseller yet, to be put on record (P9)', () => {
    expect(mayBeResellerOfRecord(reseller(), {}).allowed).to.equal(true);
  });

  it('refuses another MPN ID than the one of the Partner Location Account used to onboard (P9)', () => {
    const decision = mayBeResellerOfRecord(reseller(), { resellerMpnIdOnRecord: '2999999' });
    expect(decision.violations).to.deep.equal([
      {
        rule: 'P9',
        code: 'P9.mpn-id-mismatch',
        facts: { resellerId: 'res-fabrikam', onRecord: '2999999', resellerMpnId: '2000002' },
      },
    ]);
  });

  it('refuses a reseller whose MPN ID is unknown (P9)', () => {
    const decision = mayBeResellerOfRecord({ id: 'res-x', status: reseller().status }, { resellerMpnIdOnRecord: '1' });
    expect(codes(decision)).to.deep.equal(['P9.reseller-mpn-id-missing']);
  });

  it('refuses to put on record a reseller without an active MPA (M2)', () => {
    const decision = mayBeResellerOfRecord(reseller({ status: { mpaSigned: false } }), {
      resellerMpnIdOnRecord: '2000002',
    });
    expect(codes(decision)).to.deep.equal(['M2.reseller-mpa-not-signed']);
  });
});
