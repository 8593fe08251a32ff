import { expect } from 'chai';
import { readCatalogs, SUPPORTED_LANGUAGES, translations } from '../../../i18n/i18n';
import { ALL_VALIDATION_CODES, verificationSubStatusSchema } from '../../../services/domain';
import {
  ALL_OPTION_CODES,
  ALL_VIOLATION_CODES,
  authorisationGrants,
  checkCspEnrolment,
  checkNotSelfOrAffiliate,
  checkProviderRelationship,
  checkResellerAtPartnerCenter,
  type Decision,
  defaultRegionTable,
  ENROLMENT_STEP_IDS,
  ENROLMENT_STEP_STATUSES,
  enrolmentReadiness,
  GRANT_CODES,
  isSupportedChain,
  mayBeResellerOfRecord,
  mayBuyForOwnUse,
  mayPartner,
  mayTakeCustomer,
  mayTransact,
  REMOVAL_CODES,
  removalConsequences,
  resellerEndsPartnership,
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
    ['prerequisite', ENROLMENT_STEP_IDS],
    ['prerequisite-status', ENROLMENT_STEP_STATUSES],
    ['region', defaultRegionTable.regionIds()],
    ['verification-step', verificationSubStatusSchema.options],
    ['party', ['provider', 'reseller', 'customer', 'partner']],
  ];
  for (const [group, registry] of registries) {
    it(`has a ${group} message for every code in every language`, () => {
      for (const lang of SUPPORTED_LANGUAGES) {
        const missing = registry.filter((code) => !rules[lang].get(`${group}.${code}`)?.trim());
        expect(missing, lang).to.deep.equal([]);
      }
    });
  }

  it('has a message for every validation code in every language', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      expect(
        ALL_VALIDATION_CODES.filter((code) => !rules[lang].get(code)),
        lang,
      ).to.deep.equal([]);
    }
  });

  it('cites the rule id in every violation message', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const code of ALL_VIOLATION_CODES) {
        const rule = code.slice(0, code.indexOf('.'));
        expect(rules[lang].get(`violation.${code}`), `${lang}: ${code}`).to.match(new RegExp(`\\b${rule}\\b`));
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

    it('only uses placeholders the rule fills in', () => {
      for (const v of violations) {
        const needed = placeholders(rules.en.get(`violation.${v.code}`) ?? '');
        expect(Object.keys(v.facts), v.code).to.include.members(needed);
      }
    });

    for (const lang of SUPPORTED_LANGUAGES) {
      it(`reads as finished text in ${lang}: no placeholder, nesting or key left`, () => {
        const t = translations().getFixedT(lang, 'rules');
        for (const v of violations) {
          const text = t(`violation.${v.code}`, v.facts);
          expect(text, `${lang}: ${v.code}`).to.not.match(
            /\{\{|\$t\(|\b(?:violation|region|party|verification-step)\.[\w-]/,
          );
        }
      });
    }

    it('names the region in the reader’s language (P6)', () => {
      const different = violations.find((v) => v.code === 'P6.different-region');
      expect(translations().getFixedT('pl', 'rules')(`violation.P6.different-region`, different?.facts)).to.contain(
        'Stany Zjednoczone',
      );
      expect(translations().getFixedT('sv', 'rules')(`violation.P6.different-region`, different?.facts)).to.contain(
        'Europa',
      );
    });
  });
});
