import { expect } from 'chai';
import { readCatalogs, SUPPORTED_LANGUAGES, translations } from '../../../i18n/i18n';
import { keysFor, READERS, type Reader } from '../../../i18n/readers';
import { ALL_VALIDATION_CODES, verificationSubStatusSchema } from '../../../services/domain';
import {
  ALL_OPTION_CODES,
  ALL_VIOLATION_CODES,
  authorisationGrants,
  checkCspEnrolment,
  checkGdapRequest,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  checkNotSelfOrAffiliate,
  checkProviderRelationship,
  checkResellerAtPartnerCenter,
  type Decision,
  defaultRegionTable,
  ENROLMENT_STEP_IDS,
  ENROLMENT_STEP_STATUSES,
  enrolmentReadiness,
  GRANT_CODES,
  GUIDANCE_CODES,
  isSupportedChain,
  mayBeResellerOfRecord,
  mayBuyForOwnUse,
  mayPartner,
  mayTakeCustomer,
  mayChangeLicenceCount,
  mayTransact,
  partnerCenterRefusal,
  partnerOfRecordDecision,
  REMOVAL_CODES,
  removalConsequences,
  resellerEndsPartnership,
  supportContactAvailable,
  type Violation,
} from '../../../services/rules';
import { customer, directBill, emptyDraft, gatheredDraft, partnership, provider, reseller } from './fixtures';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogs = readCatalogs();
const rules = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((lang) => [lang, flatten(catalogs[lang].rules as Tree)]),
) as Record<(typeof SUPPORTED_LANGUAGES)[number], Map<string, string>>;

/** A code's message as `reader` reads it: the reader's own wording, else the shared one (i18n/readers.ts). */
const messageFor = (lang: (typeof SUPPORTED_LANGUAGES)[number], key: string, reader: Reader) =>
  rules[lang].get(`${key}.${reader}`) ?? rules[lang].get(key);

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Real decisions from the rules, so every message is rendered with the facts a rule really gives. */
function decisionsFromTheRules(): Decision[] {
  const partnered = [partnership('prov-contoso-dist', 'res-fabrikam')];
  const steps = [
    emptyDraft(),
    gatheredDraft({ status: { globalAdminConfirmed: false } }),
    gatheredDraft({ mpnProfile: undefined }),
    gatheredDraft({ mpnProfile: { country: 'NO', active: false } }),
    gatheredDraft({ primaryContact: { name: 'E', email: 'e@gmail.com' } }),
    gatheredDraft({ primaryContact: { name: 'E', email: 'e@fabrikam.onmicrosoft.com' } }),
    gatheredDraft(),
    gatheredDraft({
      status: { enrolment: 'submitted', verification: 'Pending', verificationSubStatus: 'EmploymentVerification' },
    }),
    gatheredDraft({ status: { enrolment: 'submitted', verification: 'Rejected' } }),
    gatheredDraft({ status: { enrolment: 'enrolled', verification: 'Authorized', adminAgentAssigned: false } }),
  ].map((draft) => enrolmentReadiness(draft).decision);
  return [
    ...steps,
    mayTransact(reseller({ status: { onboardedInPartnerCenter: false, enrolment: 'in-progress', mpaSigned: false } })),
    mayTransact(provider({ status: { mpaSigned: false } })),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller({ status: { mpaSigned: false } }),
      customer: customer(),
      partnerships: [],
    }),
    checkCspEnrolment(reseller({ status: { accountType: 'partner-membership-center' } })),
    checkCspEnrolment(reseller({ status: { enrolment: 'in-progress' } })),
    mayPartner(
      provider(),
      reseller({
        country: 'US',
        status: { enrolment: 'submitted', verification: 'Pending', onboardedInPartnerCenter: false },
      }),
    ),
    mayPartner(provider({ country: 'QQ' }), reseller({ country: 'RU' })),
    mayPartner(directBill(), provider()),
    checkResellerAtPartnerCenter(provider(), { id: 'res-x', mpnId: '2345678' }, { kind: 'not-indirect-reseller' }),
    resellerEndsPartnership({ providerId: 'prov-contoso-dist', resellerId: 'res-fabrikam' }),
    mayBeResellerOfRecord({ id: 'res-x', status: reseller().status }, {}),
    mayBeResellerOfRecord(reseller(), { resellerMpnIdOnRecord: '999' }),
    checkProviderRelationship(provider(), customer({ tenantId: '44444444-4444-4444-8444-444444444444' })),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({ country: 'MX' }),
      partnerships: partnered,
    }),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({ country: 'ZZ' }),
      partnerships: partnered,
    }),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({ country: 'RU' }),
      partnerships: partnered,
    }),
    checkNotSelfOrAffiliate(reseller(), customer({ domain: 'fabrikam.se' }), 'reseller'),
    checkNotSelfOrAffiliate(reseller({ affiliates: ['tailspintoys.se'] }), customer(), 'reseller'),
    mayBuyForOwnUse(provider(), customer({ ownerPartnerId: 'res-fabrikam', tenantType: 'partner-csp-tenant' })),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller({ id: 'res-other', domains: ['other.se'], tenantId: '88888888-8888-4888-8888-888888888888' }),
      customer: customer({ ownerPartnerId: 'res-fabrikam', tenantType: 'partner-csp-tenant' }),
      partnerships: [...partnered, partnership('prov-contoso-dist', 'res-other')],
    }),
    isSupportedChain(['microsoft', 'indirect-reseller', 'customer']),
    mayPartner(provider(), reseller({ country: 'CN' })),
    mayTakeCustomer({
      provider: provider(),
      reseller: reseller(),
      customer: customer({ country: 'IR' }),
      partnerships: partnered,
    }),
    supportContactAvailable([{ offerId: 'CFQ7TTC0LH18:0001', offerName: 'Microsoft 365 Business Basic' }]),
    ...([2200, 2201, 2204, 600_050, 'conflict'] as const).map(
      (code) =>
        partnerCenterRefusal(code, {
          providerId: 'prov-contoso-dist',
          resellerId: 'res-fabrikam',
          resellerMpnId: '2000002',
          newCustomer: true,
          customerDomain: 'tailspintoys.se',
        }) ?? { allowed: true, violations: [], options: [] },
    ),
    ...[
      'The reseller tenant is suspended.',
      "The reseller's PLA ID (formerly MPN ID) is in another region than the distributor's.",
      'The PLA ID (formerly MPN ID) is inactive or not authorized as an indirect reseller.',
      'The reseller has not signed the Microsoft Partner Agreement (MPA).',
      'The reseller has compliance issues (a rejected profile or overdue payments).',
      'Something else.',
    ].map((errorDescription) =>
      partnerOfRecordDecision('2345678', {
        partnerId: '2345678',
        isValidPartnerIdOnRecord: false,
        errorCode: 900400,
        errorDescription,
      }),
    ),
    mayChangeLicenceCount(
      { offerId: 'CFQ7TTC0LH18:0001', quantity: 10, purchasedAt: '2026-11-01T00:00:00Z' },
      5,
      new Date('2026-12-01T00:00:00Z'),
    ),
    checkGdapRequest({ duration: 'P3Y', autoExtendDuration: 'P90D', roles: [] }),
    checkGdapRequest({ duration: 'P2Y', autoExtendDuration: 'P180D', roles: [GLOBAL_ADMINISTRATOR_ROLE_ID] }),
  ];
}

describe('rule message catalogs (en, pl, sv)', () => {
  it('have identical key sets in every language', () => {
    const en = [...rules.en.keys()].sort();
    expect([...rules.pl.keys()].sort()).to.deep.equal(en);
    expect([...rules.sv.keys()].sort()).to.deep.equal(en);
  });

  it('use the same placeholders for a key in every language', () => {
    for (const [key, text] of rules.en) {
      for (const lang of ['pl', 'sv'] as const) {
        expect(placeholders(rules[lang].get(key) ?? ''), `${lang}: ${key}`).to.deep.equal(placeholders(text));
      }
    }
  });

  const registries: Array<[string, readonly string[]]> = [
    ['violation', ALL_VIOLATION_CODES],
    ['option', ALL_OPTION_CODES],
    ['grant', GRANT_CODES],
    ['removal', REMOVAL_CODES],
    ['guidance', GUIDANCE_CODES],
    ['prerequisite', ENROLMENT_STEP_IDS],
    ['prerequisite-status', ENROLMENT_STEP_STATUSES],
    ['region', defaultRegionTable.regionIds()],
    ['verification-step', verificationSubStatusSchema.options],
    ['party', ['provider', 'reseller', 'customer', 'partner']],
  ];
  for (const [group, registry] of registries) {
    it(`has a ${group} message for every code, for each reader, in every language`, () => {
      for (const lang of SUPPORTED_LANGUAGES) {
        for (const reader of READERS) {
          const missing = registry.filter((code) => !messageFor(lang, `${group}.${code}`, reader)?.trim());
          expect(missing, `${lang}, ${reader}`).to.deep.equal([]);
        }
      }
    });
  }

  it('words a message for one reader only together with the other (a half-worded code would show the other party nothing)', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const byReader = [...rules[lang].keys()].filter((k) =>
        /^(violation|option)\..*\.(reseller|distributor)$/.test(k),
      );
      const codes = new Set(byReader.map((k) => k.replace(/\.(reseller|distributor)$/, '')));
      for (const code of codes) {
        for (const reader of READERS)
          expect(rules[lang].get(`${code}.${reader}`), `${lang}: ${code}.${reader}`).to.be.a('string');
      }
    }
  });

  it('has a message for every validation code in every language', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      expect(
        ALL_VALIDATION_CODES.filter((code) => !rules[lang].get(code)),
        lang,
      ).to.deep.equal([]);
    }
  });

  it('cites the rule id in every violation message, for each reader', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const reader of READERS) {
        for (const code of ALL_VIOLATION_CODES) {
          const rule = code.slice(0, code.indexOf('.'));
          expect(messageFor(lang, `violation.${code}`, reader), `${lang}, ${reader}: ${code}`).to.match(
            new RegExp(`\\b${rule}\\b`),
          );
        }
      }
    }
  });

  it('lists the grants and removal consequences the P4 and P7 data name', () => {
    expect(authorisationGrants().map((g) => g.code)).to.have.members([...GRANT_CODES]);
    expect(removalConsequences().map((c) => c.code)).to.have.members([...REMOVAL_CODES]);
  });

  describe('rendered with the facts the rules give', () => {
    const violations: Violation[] = decisionsFromTheRules().flatMap((d) => d.violations);

    it('reaches every violation code, so every message below is checked', () => {
      const produced = new Set(violations.map((v) => v.code));
      expect(ALL_VIOLATION_CODES.filter((code) => !produced.has(code))).to.deep.equal([]);
    });

    it('only uses placeholders the rule fills in, whoever reads it', () => {
      for (const v of violations) {
        for (const reader of READERS) {
          const needed = placeholders(messageFor('en', `violation.${v.code}`, reader) ?? '');
          expect(Object.keys(v.facts), `${v.code}, ${reader}`).to.include.members(needed);
        }
      }
    });

    for (const lang of SUPPORTED_LANGUAGES) {
      it(`reads as finished text in ${lang}: no placeholder, nesting or key left`, () => {
        const t = translations().getFixedT(lang, 'rules');
        for (const v of violations) {
          for (const reader of READERS) {
            const text = t(keysFor(`violation.${v.code}`, reader), v.facts);
            expect(text, `${lang}, ${reader}: ${v.code}`).to.not.match(
              /\{\{|\$t\(|\b(?:violation|region|party|verification-step)\.[\w-]|returned an object/,
            );
          }
        }
      });
    }

    it('names the region in the reader’s language (P6)', () => {
      const different = violations.find((v) => v.code === 'P6.different-region');
      const key = keysFor('violation.P6.different-region', 'distributor');
      expect(translations().getFixedT('pl', 'rules')(key, different?.facts)).to.contain('Stany Zjednoczone');
      expect(translations().getFixedT('sv', 'rules')(key, different?.facts)).to.contain('Europa');
    });
  });
});
