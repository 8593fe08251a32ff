import { expect } from 'chai';
import { customerRefusalText } from '../../../bot/slack/distributorWords';
import { toReseller } from '../../../dialogs/resellerWords';
import { translatorFor } from '../../../i18n/i18n';
import type { NewCustomerInput } from '../../../services/customers/customerRequest';
import { customerRefusalMessages } from '../../../services/customers/messages';
import { initialDomainPrefix } from '../../../services/domain/customerDomain';
import type { PartnerDraft } from '../../../services/domain/partner';
import type { Refusal } from '../../../services/partnerships/types';
import { FABRIKAM, partneredWithFabrikam, piotr } from '../../support/fixtures/customerHarness';
import { fresh } from '../../support/fixtures/partnerships';
import { approver, onEveryBackend } from '../../support/fixtures/serviceHarness';

/**
 * The customer refusals no Teams or Slack path can bring about, so a unit test with fixtures that write
 * the reseller's directory record directly, where the journey (test/journeys/customerRules.http.test.ts)
 * may not. Each asserts on the reason as the reseller reads it in Teams (at submission) and as the
 * distributor reads it in Slack (at approval), the same sentence in both.
 * - C7 at approval: the reseller's legal location moved to another region after the request was sent.
 *   In the product the country is frozen once Partner Center has the enrolment, and E7's must be the
 *   PartnerID's (E3), so it never moves under a partnered reseller.
 * - C8 at approval, the customer being the reseller itself: a reseller's own domain is its primary
 *   contact's, frozen once Partner Center confirms the enrolment, which any partnership needs (P1, P5).
 * - C8's affiliates, at submission and at approval: nothing in the product records affiliates yet.
 */
const en = translatorFor('en');

/** The reason as Teams shows it to the reseller, and as Slack shows it to the rep who pressed Approve. */
const inTeams = (refusal: Refusal) => toReseller(en, customerRefusalMessages(refusal));
const inSlack = (refusal: Refusal) => customerRefusalText(en, refusal);

/** A customer domain no earlier run on a shared Redis has used. */
const newDomain = () => `klient-${fresh().slice(0, 8)}.pl`;

onEveryBackend("C7 and C8 refusals beyond the journeys' reach, with fixtures", (h) => {
  let customers: Awaited<ReturnType<typeof partneredWithFabrikam>>;

  beforeEach(async () => {
    customers = await partneredWithFabrikam(h());
  });

  const request = (domain: string, country = 'PL', adminEmail = `it@${domain}`): NewCustomerInput => ({
    providerId: h().providerId,
    customer: { companyName: 'Nowy Klient sp. z o.o.', domain, country, adminEmail },
    address: { line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-001' },
    subscriptions: [{ offerId: 'CFQ7TTC0LDPB:0001', offerName: 'Microsoft 365 Business Standard', licences: 10 }],
    // MCA1: who accepted the Microsoft Customer Agreement for the customer, and when.
    agreement: { firstName: 'Ewa', lastName: 'Lis', email: `it@${domain}`, dateAgreed: '2026-11-30' },
  });

  /** Fabrikam's record changed as no product path changes it: the fixture these cases exist for. */
  const fabrikamBecomes = (change: (p: PartnerDraft) => PartnerDraft) =>
    h().partners.update(FABRIKAM, (p) => (p ? change(p) : p));

  /** What Teams says when Fabrikam submits this customer (it must be refused). */
  async function refusedAtSubmission(domain: string, country?: string, adminEmail?: string) {
    const outcome = await customers.requests.submit(piotr, request(domain, country, adminEmail));
    if (outcome.ok) throw new Error(`not refused: ${domain}`);
    return inTeams(outcome.refusal);
  }

  /**
   * Submits a customer that passes, changes Fabrikam's record, then Approve: resolves with what Slack
   * says, once it is clear nothing was decided and no customer created.
   */
  async function refusedAtApproval(change: (domain: string) => Promise<unknown>) {
    const domain = newDomain();
    const submitted = await customers.requests.submit(piotr, request(domain));
    if (!submitted.ok) throw new Error(`refused at submission: ${JSON.stringify(submitted.refusal)}`);
    await change(domain);
    const outcome = await customers.decisions.approve(h().teamId, submitted.value.id, approver);
    if (outcome.ok || !('refusal' in outcome)) throw new Error(`not refused: ${JSON.stringify(outcome)}`);
    expect((await customers.requests.get(submitted.value.id))?.state, 'nothing is decided').to.equal('pending');
    const created = (await h().store.records.list<{ domain?: string }>('pc:customer:')).filter((r) =>
      String(r.value.domain).startsWith(initialDomainPrefix(domain)),
    );
    expect(created, 'no customer is created').to.have.length(0);
    return inSlack(outcome.refusal);
  }

  function sameReason(texts: { teams: string; slack: string }, rule: string, reason: string) {
    for (const [where, text] of Object.entries(texts)) {
      expect(text, where).to.include(`(rule ${rule})`).and.include(reason);
    }
  }

  it('refuses C7 at approval with Teams’ reason when the reseller’s country moved to another region after the request was sent', async () => {
    const teams = await refusedAtSubmission(newDomain(), 'US');
    const slack = await refusedAtApproval(() => fabrikamBecomes((p) => ({ ...p, country: 'US' })));
    sameReason({ teams, slack }, 'C7', 'A partner can only sell to customers in its own region.');
  });

  it('refuses C8 at approval with Teams’ reason when the customer’s domain became the reseller’s own after the request was sent', async () => {
    await fabrikamBecomes((p) => ({ ...p, domains: ['fabrikam-it.pl'] }));
    // The admin elsewhere: the form refuses the reseller's own address as a customer's admin before any rule.
    const teams = await refusedAtSubmission('sklep.fabrikam-it.pl', 'PL', `jan@${newDomain()}`);
    const slack = await refusedAtApproval((domain) => fabrikamBecomes((p) => ({ ...p, domains: [domain] })));
    sameReason({ teams, slack }, 'C8', 'By contract a CSP partner may not sell to itself as an end customer');
  });

  it('refuses an affiliate of the reseller (C8) in Teams and at approval in Slack with the same reason', async () => {
    const holding = `holding-${fresh().slice(0, 6)}.pl`;
    await fabrikamBecomes((p) => ({ ...p, affiliates: [holding] }));
    const teams = await refusedAtSubmission(`sklep.${holding}`);
    const slack = await refusedAtApproval((domain) => fabrikamBecomes((p) => ({ ...p, affiliates: [domain] })));
    sameReason({ teams, slack }, 'C8', 'By contract a CSP partner may not sell to its affiliates as end customers.');
  });
});
