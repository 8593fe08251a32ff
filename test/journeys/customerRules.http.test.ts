import { expect } from 'chai';
import type { CustomerRequest } from '../../services/customers';
import { initialDomainPrefix } from '../../services/domain/customerDomain';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { agreementAnswers } from '../support/drivers/customerAgreementAnswers';
import { APPROVER, BACKENDS, newDomain, OFFERS, piotr } from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';
import { alreadyEnrolledInCsp, primaryContactGiven } from '../support/drivers/partnerRoad';
import type { TeamsUser } from '../support/drivers/teamsActivities';

/**
 * Each customer rule refuses with the same reason wherever it bites: in Teams when the reseller
 * submits, and in Slack when the distributor approves a request that was fine when it was sent but
 * no longer is (the rules run again at approval).
 *
 * A journey starts from nothing: an empty store, then only what Teams and Slack send. Fabrikam
 * (CustomerWorld) asks for the customers; it gave its primary contact on the checklist before Contoso
 * invited it, so its domain is its own (C8). The partners the customers turn out to be get there as
 * people do: they say in Teams they are already in CSP (E7) and give their primary contact (its domain
 * is theirs), and Contoso invites them in Slack (C10). Each case sends the request first, while nobody
 * claims the customer's domain, then the partner claims it, then Approve is pressed; after that the
 * same customer asked for in Teams is refused at once.
 *
 * Three refusals no Teams or Slack path can bring about are unit tests with fixtures instead, in
 * test/services/customers/customerRulesWithFixtures.test.ts, asserting on the same reasons:
 * - C7 at approval (the reseller's legal location moving to another region after the request was
 *   sent): the country is frozen once Partner Center has the enrolment, and E7's must be the PartnerID's (E3);
 * - C8 at approval (the customer turning out to be the reseller itself): a reseller's domain comes from
 *   its primary contact, frozen too once Partner Center confirms the enrolment, which a partnership
 *   (and so any request, P5) needs, or, already in CSP (E7), from its person's Teams account when they
 *   say so and when they authorise the distributor (alreadyInCspOwnDomain.http.test.ts);
 * - C8's affiliates: nothing in the product records a partner's affiliates.
 */
for (const backend of BACKENDS)
  describe(`C7–C10 refused with the same reason in Teams (at submission) and in Slack (at approval), from an empty store, on ${backend.name}`, () => {
    const world = customerWorld(backend, {
      team: `T0RULES${backend.name.toUpperCase()}`,
      fabrikamPrimaryContact: true,
    });

    /** The customer card's fields as Piotr fills them in (the admin on the customer's domain unless said). */
    const form = (domain: string, fields: { country?: string; adminEmail?: string } = {}) => ({
      ...world.form(domain, fields.country),
      ...(fields.adminEmail ? { adminEmail: fields.adminEmail } : {}),
    });

    /** What Teams answers when Piotr enters this customer: a refusal, with no draft to go on with. */
    async function inTeams(domain: string, fields: { country?: string; adminEmail?: string } = {}) {
      const text = await world.road.press(form(domain, fields), piotr, 'card-details');
      expect(text).to.not.include('draftId');
      return text;
    }

    /** Piotr's new-customer request for `domain`, through the cards to Submit and to the approvals channel. */
    async function sentRequest(domain: string) {
      const offers = await world.road.press(form(domain), piotr, 'card-details');
      const id = /"draftId":"([0-9a-f-]{36})"/.exec(offers)?.[1];
      if (!id) throw new Error(`no subscriptions card: ${offers.slice(0, 800)}`);
      const quantities = { [`qty:${OFFERS.standard.id}`]: '10', [`qty:${OFFERS.exchange.id}`]: '3' };
      // MCA1: Piotr fills in who accepted the customer agreement, as the card asks.
      const review = { verb: 'customers-review', draftId: id, ...quantities, ...agreementAnswers(offers) };
      expect(await world.road.press(review, piotr, 'card-offers')).to.include('customers-submit');
      const submit = { verb: 'customers-submit', draftId: id };
      expect(await world.road.pressRedrawn(submit, piotr, 'card-review')).to.include('is with');
      await world.approvalPost(id);
      return id;
    }

    /**
     * Sends a request for `domain` that passes, lets `meanwhile` happen (people's steps in Teams and
     * Slack), then has an approver press Approve: resolves with what Slack answered the approver, once
     * it is clear nothing was decided and no customer created.
     */
    async function inSlack(domain: string, meanwhile: () => Promise<void>) {
      const id = await sentRequest(domain);
      await meanwhile();
      const answer = await world.answerTo(world.click('customers.approve', id, APPROVER));
      const request = await world.assistant.store.records.read<CustomerRequest>(`customers:request:${id}`);
      expect(request?.value.state, 'nothing is decided').to.equal('pending');
      const created = (await world.assistant.store.records.list<{ domain?: string }>('pc:customer:')).filter((r) =>
        String(r.value.domain).startsWith(initialDomainPrefix(domain)),
      );
      expect(created, 'no customer is created').to.have.length(0);
      return answer;
    }

    /** A partner the sandbox Partner Center knows says in Teams it is already in CSP (E7) and gives its primary contact. */
    async function alreadyInCspWithContact(
      person: TeamsUser,
      partner: { mpnId: string; country: string; primaryContactEmail: string },
    ) {
      await alreadyEnrolledInCsp(world.road, person, {
        mpnId: partner.mpnId,
        country: partner.country,
        supportEmail: `support@${domainOf(partner.primaryContactEmail)}`,
      });
      await primaryContactGiven(world.road, person, {
        contactName: person.name ?? '',
        contactEmail: partner.primaryContactEmail,
      });
    }

    const domainOf = (email: string) => email.split('@')[1];

    /** Someone of a partner the sandbox Partner Center knows, in Teams in that partner's own tenant. */
    const personOf = (tenantId: string, name: string, locale: string): TeamsUser => ({
      tenantId,
      aadObjectId: `aad-${name.split(' ')[0].toLowerCase()}-rules`,
      name,
      locale,
    });
    // The partners the customers turn out to be: Adventure Works (Brazil) and Northwind (Sweden).
    const joao = personOf(DEMO.resellerOtherRegion.tenantId, 'João Silva', 'en-US');
    const erik = personOf(DEMO.resellerWithoutMpa.tenantId, 'Erik Lindqvist', 'sv-SE');

    /** Both answers to one rule: the refusal at approval in Slack, then in Teams at submission. */
    function sameReason(texts: { teams: string; slack: string }, rule: string, reason: string) {
      for (const [where, text] of Object.entries(texts)) {
        expect(text, where).to.include(`(rule ${rule})`).and.include(reason);
      }
    }

    it('refuses C7 in Teams: a customer in another region (at approval: a fixture test, see above)', async () => {
      const text = await inTeams(newDomain(), { country: 'US' });
      expect(text).to.include('(rule C7)').and.include('A partner can only sell to customers in its own region.');
    });

    it('refuses C8 in Teams: the customer is on Fabrikam’s own domain, its primary contact’s (at approval: a fixture test)', async () => {
      const own = domainOf(DEMO.resellerReady.primaryContactEmail);
      // The admin elsewhere: the card refuses Fabrikam's own address as a customer's admin before any rule.
      const text = await inTeams(`sklep.${own}`, { adminEmail: `jan@${newDomain()}` });
      expect(text)
        .to.include('(rule C8)')
        .and.include('By contract a CSP partner may not sell to itself as an end customer');
    });

    it('refuses C9 in Slack and in Teams with the same reason: the customer turned out to be another partner’s CSP tenant', async () => {
      // Adventure Works says in Teams it is in CSP, with its primary contact on the customer's domain.
      const domain = domainOf(DEMO.resellerOtherRegion.primaryContactEmail);
      const slack = await inSlack(domain, () => alreadyInCspWithContact(joao, DEMO.resellerOtherRegion));
      const teams = await inTeams(domain);
      sameReason(
        { teams, slack },
        'C9',
        'Services a partner buys for its own use must go into a separate tenant of Customer type',
      );
    });

    /** What C10's refusal said in each place, for the options' test below. */
    let c10: { teams: string; slack: string } | undefined;

    it('refuses C10 in Slack and in Teams with the same reason: the customer turned out to be a reseller of this same distributor', async () => {
      // Northwind says in Teams it is in CSP, with its primary contact on the customer's domain; Contoso
      // invites it in Slack and it authorises in Teams (P2, P3).
      const domain = domainOf(DEMO.resellerWithoutMpa.primaryContactEmail);
      const slack = await inSlack(domain, async () => {
        await alreadyInCspWithContact(erik, DEMO.resellerWithoutMpa);
        await world.partner(erik.tenantId ?? '', DEMO.resellerWithoutMpa.primaryContactEmail, erik);
      });
      c10 = { teams: await inTeams(domain), slack };
      sameReason(c10, 'C10', "so it cannot also become that distributor's customer");
    });

    it('offers C10’s three ways forward in both places', () => {
      if (!c10) throw new Error('the C10 case above did not run');
      for (const text of [c10.teams, c10.slack]) {
        expect(text).to.include('Option 1: set up another Azure AD tenant');
        expect(text).to.include(
          'Option 2: end the reseller relationship with this distributor (through Microsoft Support)',
        );
        // 003 scenario 6: option 3 keeps the *customer* relationship and resells through another provider.
        expect(text).to.include('Option 3: keep the customer relationship with this distributor');
        expect(text).to.include('another indirect reseller relationship with a different distributor');
      }
    });
  });
