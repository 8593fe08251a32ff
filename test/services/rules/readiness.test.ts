import { expect } from 'chai';
import { porValidation } from '../../../services/partnerCenter/partnerOfRecordCauses';
import { assessReadiness, type Condition, type ReadinessFacts } from '../../../services/rules/readinessRules';

const SUBMITTED = '2026-12-01T10:00:00.000Z';

/** Fabrikam as Partner Center sees it when every condition holds: a verified, partnered, signed reseller in Poland. */
const ready = (): ReadinessFacts => ({
  reseller: { tenantId: 'fabrikam', mpnId: '2345678', country: 'PL', enrolment: 'enrolled' },
  distributor: { name: 'Contoso', country: 'PL' },
  partnership: { state: 'active', listedByPartnerCenter: true },
  validation: porValidation('2345678', undefined),
  mpaSigned: true,
});

const of = (facts: ReadinessFacts, id: Condition['id']) =>
  assessReadiness(facts).conditions.find((c) => c.id === id) as Condition;

describe('Ready to transact: each condition on an order, its state, its source and its fix (issue 15 item 6)', () => {
  it('is ready when Partner Center says every condition holds, each with Partner Center as its source (API1)', () => {
    const report = assessReadiness(ready());
    expect(report.ready).to.equal(true);
    expect(report.conditions.map((c) => c.id)).to.deep.equal([
      'enrolled',
      'partner-id',
      'region',
      'mpa',
      'partner-of-record',
      'partnership',
    ]);
    expect(report.conditions.map((c) => c.source)).to.deep.equal(Array(6).fill('partner-center'));
  });

  describe('enrolled and verified (E5, M3, API1)', () => {
    it('waits for Microsoft, on what the reseller told us, while a submitted enrolment is not authorised yet (E5)', () => {
      const facts = ready();
      facts.reseller = { ...facts.reseller, enrolment: 'submitted', submittedAt: SUBMITTED };
      facts.validation = porValidation('2345678', 'pla-inactive');
      const c = of(facts, 'enrolled');
      expect([c.state, c.source, c.detail, c.fix]).to.deep.equal([
        'waiting',
        'reported',
        'submitted',
        'wait-for-verification',
      ]);
      expect(c.facts.submittedAt).to.equal(SUBMITTED);
    });

    it('fails with "enrol" for a reseller that never submitted an enrolment (E5)', () => {
      const facts = ready();
      facts.reseller = { tenantId: 'new', enrolment: 'in-progress' };
      facts.validation = undefined;
      // Nothing submitted is neither Partner Center's word nor the reseller's: the assistant's own record (API1).
      expect(of(facts, 'enrolled')).to.include({ state: 'failed', source: 'assistant', fix: 'enrol' });
    });

    it('counts a suspended reseller as enrolled: the suspension is partner of record’s cause, not enrolment’s (R2)', () => {
      const facts = { ...ready(), validation: porValidation('2345678', 'suspended') };
      expect(of(facts, 'enrolled')).to.include({ state: 'met', source: 'partner-center' });
    });

    it('does not take an E7 "already enrolled" as Partner Center’s word when Partner Center could not be asked (API1)', () => {
      const facts = ready();
      facts.reseller = { ...facts.reseller, enrolment: 'in-progress', cspEnrolled: true };
      facts.validation = undefined;
      expect(of(facts, 'enrolled')).to.include({ state: 'unknown', source: 'reported', detail: 'said-enrolled' });
    });
  });

  describe('PartnerID, PLA ID (N1, P9, R2)', () => {
    it('fails with where to find it when the assistant does not know it (N1: Account settings → Identifiers)', () => {
      const facts = ready();
      facts.reseller = { ...facts.reseller, mpnId: undefined };
      expect(of(facts, 'partner-id')).to.include({ state: 'failed', source: 'assistant', fix: 'give-partner-id' });
    });

    it('fails when Partner Center calls it inactive for a reseller not waiting on verification (R2)', () => {
      const facts = { ...ready(), validation: porValidation('2345678', 'pla-inactive') };
      expect(of(facts, 'partner-id')).to.include({
        state: 'failed',
        source: 'partner-center',
        fix: 'check-partner-id',
      });
    });
  });

  describe('region (P6)', () => {
    it('fails on the countries the parties gave, with the way to a distributor in the reseller’s region (P6, E8)', () => {
      const facts = { ...ready(), distributor: { name: 'Contoso', country: 'US' }, validation: undefined };
      const c = of(facts, 'region');
      expect(c).to.include({ state: 'failed', source: 'reported', detail: 'different', fix: 'other-region' });
      expect(c.facts).to.deep.equal({ resellerCountry: 'PL', distributorCountry: 'US' });
    });

    it('takes Partner Center’s region refusal over the countries (R2, 2201)', () => {
      const facts = { ...ready(), validation: porValidation('2345678', 'region-mismatch') };
      expect(of(facts, 'region')).to.include({ state: 'failed', source: 'partner-center', detail: 'mismatch' });
    });
  });

  describe('MPA (M2, M4)', () => {
    it('fails with "sign the MPA" when agreementstatus says unsigned (M2, M4)', () => {
      expect(of({ ...ready(), mpaSigned: false }, 'mpa')).to.include({
        state: 'failed',
        source: 'partner-center',
        fix: 'sign-mpa',
      });
    });

    it('shows a ticked MPA only as the reseller’s word, never as met, when Partner Center could not say (API1, M4)', () => {
      const facts = { ...ready(), mpaSigned: undefined };
      facts.reseller = { ...facts.reseller, mpaReportedSigned: true };
      expect(of(facts, 'mpa')).to.include({ state: 'unknown', source: 'reported', detail: 'said-signed' });
    });
  });

  describe('partner of record (R1, R2)', () => {
    for (const [cause, code] of [
      ['suspended', 'R2.reseller-suspended'],
      ['compliance', 'R2.compliance'],
      ['mpa-not-signed', 'R2.mpa-not-signed'],
      ['region-mismatch', 'R2.region-mismatch'],
      ['pla-inactive', 'R2.pla-id-inactive'],
    ] as const) {
      it(`fails for ${cause} with that cause and its own fix (R2)`, () => {
        const c = of({ ...ready(), validation: porValidation('2345678', cause) }, 'partner-of-record');
        expect(c).to.include({ state: 'failed', source: 'partner-center', detail: code, fix: code });
        expect(c.facts).to.include({ partnerId: '2345678', errorCode: '900400' });
      });
    }

    it('is not known, rather than guessed, when Partner Center could not be asked (R1, API1)', () => {
      expect(of({ ...ready(), validation: undefined }, 'partner-of-record')).to.include({ state: 'unknown' });
    });
  });

  describe('partnership (P3, P5)', () => {
    it('waits for the reseller’s Authorize in Partner Center while the distributor’s list does not hold it (P3)', () => {
      const facts = {
        ...ready(),
        partnership: { state: 'awaiting-partner-center' as const, listedByPartnerCenter: false },
      };
      expect(of(facts, 'partnership')).to.include({ state: 'waiting', fix: 'authorize-in-partner-center' });
    });

    it('fails with "find a distributor in your region" for a reseller with none (P5, E8)', () => {
      const facts = { ...ready(), distributor: undefined, partnership: undefined };
      expect(of(facts, 'partnership')).to.include({ state: 'failed', fix: 'find-distributor' });
      expect(of(facts, 'region')).to.include({ state: 'unknown', fix: 'find-distributor' });
    });

    it('fails for a partnership recorded active that Partner Center no longer lists (P7)', () => {
      const facts = { ...ready(), partnership: { state: 'active' as const, listedByPartnerCenter: false } };
      expect(of(facts, 'partnership')).to.include({ state: 'failed', source: 'partner-center', fix: 'ask-invitation' });
    });
  });
});
