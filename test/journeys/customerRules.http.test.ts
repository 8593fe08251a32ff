import { expect } from 'chai';
import type { CustomerRequest } from '../../services/customers';
import type { PartnerDraft } from '../../services/domain/partner';
import { fresh, freshMpnId, seedReseller, seedSandboxAccount } from '../support/fixtures/partnerships';
import { APPROVER, BACKENDS, CustomerWorld, FABRIKAM, newDomain } from '../support/drivers/customerWorld';
import { initialDomainPrefix } from '../../services/domain/customerDomain';

/**
 * Each customer rule refuses with the same reason wherever it bites: in Teams when the reseller
 * submits, and in Slack when the distributor approves a request that was fine when it was sent but
 * no longer is (the rules run again at approval).
 */
for (const backend of BACKENDS)
  describe(`C7–C10 refused with the same reason in Teams (at submission) and in Slack (at approval), on ${backend.name}`, () => {
    const world = new CustomerWorld({ team: `T0RULES${backend.name.toUpperCase()}`, env: backend.env });

    /** Fabrikam as start() walked it in; the cases below change its record, and put it back after. */
    let fabrikam: PartnerDraft | undefined;
    const restoreFabrikam = () => world.partners.update(FABRIKAM, () => fabrikam);

    before(async function () {
      await backend.prepare(this);
      await world.start();
      fabrikam = await world.partners.get(FABRIKAM);
    });
    after(async () => {
      await world.stop();
    });
    afterEach(async () => {
      await restoreFabrikam();
    });

    /** What Teams answers when the reseller enters this customer. */
    async function inTeams(domain: string, country = 'PL') {
      const text = await world.teams(world.card(world.form(domain, country)), 1);
      expect(text).to.not.include('draftId');
      return text;
    }

    /** Sends a request that passes, changes the world, then has an approver press Approve. */
    async function inSlack(change: (domain: string) => Promise<void>) {
      const domain = newDomain();
      const id = await world.submittedRequest(domain);
      await world.approvalPost(id);
      await change(domain);
      const answer = await world.answerTo(world.click('customers.approve', id, APPROVER));
      const request = await world.assistant.store.records.read<CustomerRequest>(`customers:request:${id}`);
      expect(request?.value.state, 'nothing is decided').to.equal('pending');
      const created = (await world.assistant.store.records.list<{ domain?: string }>('pc:customer:')).filter((r) =>
        String(r.value.domain).startsWith(initialDomainPrefix(domain)),
      );
      expect(created, 'no customer is created').to.have.length(0);
      return answer;
    }

    /** A partner of the program who is not Fabrikam, owning the given domains (its CSP tenant's). */
    async function anotherPartner(domains: string[], options: { partnered?: boolean } = {}) {
      const tenantId = fresh();
      const seed = {
        name: `Tailspin Toys ${tenantId.slice(0, 4)} sp. z o.o.`,
        country: 'PL',
        mpnId: freshMpnId(),
        primaryContactEmail: `anna@tailspin-${tenantId.slice(0, 4)}.pl`,
      };
      await seedReseller(world.partners, { ...seed, tenantId }, { tenantId });
      // Its own account in the sandbox Partner Center, as its enrolment would have left it.
      await seedSandboxAccount(world.assistant.store.records, { ...seed, tenantId }, { linkMpn: true });
      await world.partners.update(tenantId, (p) => (p ? { ...p, domains } : p));
      if (options.partnered) await world.partner(tenantId, seed.primaryContactEmail);
      return tenantId;
    }

    const cases: Array<{
      rule: string;
      reason: string;
      teams: () => Promise<string>;
      slack: () => Promise<string>;
    }> = [
      {
        rule: 'C7',
        reason: 'A partner can only sell to customers in its own region.',
        teams: () => inTeams(newDomain(), 'US'),
        // The reseller's legal business location moved to another region after the request was sent.
        slack: () =>
          inSlack(async () => {
            await world.partners.update(FABRIKAM, (p) => (p ? { ...p, country: 'US' } : p));
          }),
      },
      {
        rule: 'C8',
        reason: 'By contract a CSP partner may not sell to its affiliates as end customers.',
        teams: async () => {
          const holding = `holding-${fresh().slice(0, 6)}.pl`;
          await world.partners.update(FABRIKAM, (p) => (p ? { ...p, affiliates: [holding] } : p));
          return inTeams(`sklep.${holding}`);
        },
        // The customer turned out to be an affiliate of the reseller.
        slack: () =>
          inSlack(async (domain) => {
            await world.partners.update(FABRIKAM, (p) => (p ? { ...p, affiliates: [domain] } : p));
          }),
      },
      {
        rule: 'C9',
        reason: 'Services a partner buys for its own use must go into a separate tenant of Customer type',
        teams: async () => {
          const domain = newDomain();
          await anotherPartner([domain]);
          return inTeams(domain);
        },
        // The customer's domain is a partner's CSP tenant, registered after the request was sent.
        slack: () =>
          inSlack(async (domain) => {
            await anotherPartner([domain]);
          }),
      },
      {
        rule: 'C10',
        reason: "so it cannot also become that distributor's customer",
        teams: async () => {
          const domain = newDomain();
          await anotherPartner([domain], { partnered: true });
          return inTeams(domain);
        },
        // The customer is the CSP tenant of a reseller that partnered with this provider since.
        slack: () =>
          inSlack(async (domain) => {
            await anotherPartner([domain], { partnered: true });
          }),
      },
    ];

    for (const { rule, reason, teams, slack } of cases) {
      it(`refuses ${rule} in Teams and in Slack with the same reason`, async () => {
        const inTeamsText = await teams();
        await restoreFabrikam();
        const inSlackText = await slack();
        for (const [where, text] of [
          ['Teams', inTeamsText],
          ['Slack', inSlackText],
        ]) {
          expect(text, where).to.include(`(rule ${rule})`).and.include(reason);
        }
      });
    }

    it('offers C10’s three ways forward in both places', async () => {
      const domain = newDomain();
      await anotherPartner([domain], { partnered: true });
      const teamsText = await inTeams(domain);
      const slackText = await inSlack(async (later) => {
        await anotherPartner([later], { partnered: true });
      });
      for (const text of [teamsText, slackText]) {
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
