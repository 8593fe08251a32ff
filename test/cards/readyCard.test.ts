import { expect } from 'chai';
import { readinessBlocks } from '../../cards/slack/readiness/readinessBlocks';
import { readyCard } from '../../cards/teams/readyCard';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import { POR_CAUSES, porValidation } from '../../services/partnerCenter/partnerOfRecordCauses';
import type { ReadinessReport } from '../../services/readiness/readyToTransact';
import { assessReadiness, type ReadinessFacts } from '../../services/rules/readinessRules';

const base: ReadinessFacts = {
  reseller: { tenantId: 'r', mpnId: '2345678', country: 'PL', enrolment: 'enrolled' },
  distributor: { name: 'Contoso Dystrybucja sp. z o.o.', country: 'PL' },
  partnership: { state: 'active', listedByPartnerCenter: true },
  validation: porValidation('2345678', undefined),
  mpaSigned: true,
};

/** Facts that reach every state of every condition between them (each detail and each fix). */
const VARIANTS: ReadinessFacts[] = [
  base,
  ...POR_CAUSES.map((cause) => ({ ...base, validation: porValidation('2345678', cause) })),
  { ...base, validation: undefined, mpaSigned: undefined, reseller: { ...base.reseller, mpaReportedSigned: true } },
  { ...base, validation: undefined, mpaSigned: undefined, partnership: { state: 'active' } },
  {
    ...base,
    validation: porValidation('2345678', 'pla-inactive'),
    reseller: { ...base.reseller, enrolment: 'submitted', submittedAt: '2026-12-01T10:00:00.000Z' },
    partnership: { state: 'awaiting-partner-center', listedByPartnerCenter: false },
  },
  {
    ...base,
    validation: undefined,
    reseller: { tenantId: 'r', enrolment: 'not-started' },
    partnership: undefined,
    distributor: undefined,
  },
  { ...base, validation: undefined, reseller: { ...base.reseller, enrolment: 'in-progress', cspEnrolled: true } },
  {
    ...base,
    distributor: { name: 'Contoso US', country: 'US' },
    validation: undefined,
    partnership: { state: 'invited' },
  },
  {
    ...base,
    reseller: { ...base.reseller, country: undefined },
    partnership: { state: 'active', listedByPartnerCenter: false },
  },
  { ...base, mpaSigned: false, partnership: { state: 'declined' } },
];

const report = (facts: ReadinessFacts): ReadinessReport => ({
  reseller: { tenantId: 'r', name: 'Fabrikam IT sp. z o.o.' },
  ...(facts.distributor ? { distributor: { id: 'p', name: facts.distributor.name } } : {}),
  ...assessReadiness(facts),
  customers: {
    total: 12,
    shown: [
      { domain: 'a.onmicrosoft.com', companyName: 'A', state: 'met', signer: 'Ewa Lis', dateAgreed: '2026-12-01' },
      { domain: 'b.onmicrosoft.com', companyName: 'B', state: 'failed' },
      { domain: 'c.onmicrosoft.com', companyName: 'C', state: 'unknown' },
    ],
  },
});

/** i18next answers a key it lacks with the key itself. */
const KEY_LEFT = /\b(?:ready|rules):[\w-]+\.[\w.-]+/;

describe('ready card (Teams) and /csp ready (Slack): every condition’s words in every language (issue 15 item 6)', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    const t = translatorFor(language);
    it(`${language}: words every state, source and fix for both readers, no key left untranslated`, () => {
      for (const facts of VARIANTS) {
        const card = JSON.stringify(readyCard(t, report(facts)).content);
        const blocks = JSON.stringify(readinessBlocks(t, report(facts)));
        expect(card.match(KEY_LEFT), card).to.equal(null);
        expect(blocks.match(KEY_LEFT), blocks).to.equal(null);
        expect(card).to.include(t('ready:source.partner-center'));
      }
    });

    it(`${language}: says "you told us" to the reseller and "the reseller told us" to the distributor (API1)`, () => {
      const facts = VARIANTS[VARIANTS.length - 3];
      expect(JSON.stringify(readyCard(t, report(facts)).content)).to.include(t('ready:source.reported.reseller'));
      expect(JSON.stringify(readinessBlocks(t, report(facts)))).to.include(t('ready:source.reported.distributor'));
    });
  }
});
