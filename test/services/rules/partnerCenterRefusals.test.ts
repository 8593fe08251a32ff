import { expect } from 'chai';
import { translations } from '../../../i18n/i18n';
import { AgreementErrorCode, type PartnerCenterErrorCode } from '../../../services/partnerCenter/errors';
import {
  checkCustomerRegion,
  checkSameRegion,
  partnerCenterRefusal,
  type RefusedRequestFacts,
} from '../../../services/rules';
import { codes, customer, optionCodes, provider, reseller } from './fixtures';

const facts: RefusedRequestFacts = {
  providerId: 'prov-contoso-dist',
  resellerId: 'res-fabrikam',
  resellerMpnId: '2000002',
  newCustomer: true,
  customerDomain: 'tailspintoys.se',
};

describe('Partner Center refusals of a customer request, as rules (M2, M3, M5, P5, P6, P9, C2, T4)', () => {
  const rows: Array<[PartnerCenterErrorCode, Partial<RefusedRequestFacts>, string[], string[]]> = [
    [AgreementErrorCode.InvalidOrBothIds, {}, ['P9.reseller-mpn-id-missing'], []],
    [AgreementErrorCode.NoId, {}, ['P9.reseller-mpn-id-missing'], []],
    [AgreementErrorCode.MpnInvalidOrNotMigrated, {}, ['M5.mpn-id-not-in-partner-center'], []],
    [AgreementErrorCode.RegionMismatch, {}, ['P6.partner-center-region-mismatch'], ['E8.find-provider-in-region']],
    [AgreementErrorCode.MpaNotSignedForRegion, {}, ['M2.reseller-mpa-not-signed'], []],
    [AgreementErrorCode.MpnNotIndirectReseller, {}, ['P9.mpn-id-not-indirect-reseller'], []],
    [AgreementErrorCode.NoAccountForTenant, {}, ['M3.not-onboarded'], []],
    [AgreementErrorCode.TenantNotSigned, {}, ['M2.reseller-mpa-not-signed'], []],
    ['conflict', {}, ['T4.customer-tenant-exists'], ['C1.invite-customer', 'T4.customer-keeps-other-partners']],
    ['not-found', {}, ['P5.no-active-partnership'], []],
    [
      'not-found',
      { newCustomer: false, customerTenantId: '44444444-4444-4444-8444-444444444444' },
      ['C2.no-reseller-relationship'],
      ['C1.invite-customer', 'T4.customer-keeps-other-partners'],
    ],
  ];
  for (const [code, more, violations, options] of rows) {
    it(`maps ${code}${more.newCustomer === false ? ' on an existing customer' : ''} to ${violations.join(', ')}`, () => {
      const decision = partnerCenterRefusal(code, { ...facts, ...more });
      expect(decision?.allowed).to.equal(false);
      expect(codes(decision ?? { violations: [] })).to.deep.equal(violations);
      expect(optionCodes(decision ?? { options: [] })).to.deep.equal(options);
    });
  }

  it('leaves outages, tokens and malformed details to the caller: no rule explains them', () => {
    for (const code of ['unavailable', 'timeout', 'throttled', 'unauthorized', 'invalid-input'] as const) {
      expect(partnerCenterRefusal(code, facts), code).to.equal(undefined);
    }
    expect(partnerCenterRefusal('conflict', { ...facts, newCustomer: false })).to.equal(undefined);
  });

  it('names the MPN ID Partner Center refused, in every language (M5, P9)', () => {
    for (const lang of ['en', 'pl', 'sv']) {
      const t = translations().getFixedT(lang, 'rules');
      for (const code of [AgreementErrorCode.MpnInvalidOrNotMigrated, AgreementErrorCode.MpnNotIndirectReseller]) {
        const [v] = partnerCenterRefusal(code, facts)?.violations ?? [];
        expect(t(`violation.${v.code}`, v.facts), `${lang} ${code}`).to.include('2000002');
      }
    }
  });
});

describe('countries CSP is not offered in (P6, C7)', () => {
  it('says "CSP is not offered" for a reseller in China, not "correct the country" (P6)', () => {
    const decision = checkSameRegion(provider(), reseller({ country: 'CN' }));
    expect(codes(decision)).to.deep.equal(['P6.csp-not-offered']);
    const text = translations().getFixedT('en', 'rules')('violation.P6.csp-not-offered', decision.violations[0].facts);
    expect(text).to.include('not offered in China').and.not.include('Correct the country');
  });

  it('says "CSP is not offered" for a customer in Iran, in Polish and Swedish too (C7)', () => {
    const decision = checkCustomerRegion(reseller(), customer({ country: 'IR' }));
    expect(codes(decision)).to.deep.equal(['C7.csp-not-offered']);
    expect(
      translations().getFixedT('pl', 'rules')('violation.C7.csp-not-offered', decision.violations[0].facts),
    ).to.include('Iran');
    expect(
      translations().getFixedT('sv', 'rules')('violation.C7.csp-not-offered', decision.violations[0].facts),
    ).to.include('Iran');
  });

  it('still asks to correct a code that is no country at all (P6)', () => {
    expect(codes(checkSameRegion(provider(), { country: 'QQ' }))).to.deep.equal(['P6.unknown-country']);
  });
});
