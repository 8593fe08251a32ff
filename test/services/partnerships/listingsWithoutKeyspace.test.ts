import { expect } from 'chai';
import sinon from 'sinon';
import { type Partnership, partnershipId } from '../../../services/domain/partnership';
import { GdapLinkIndexes } from '../../../services/gdap/gdapLinkIndexes';
import { partnerCenterSandboxFacts } from '../../../services/gdap/sandboxPartyFacts';
import { GdapSandbox } from '../../../services/gdap/sandboxGdap';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { KEYS } from '../../../services/partnerships/partnershipRecords';
import { ReauthorisationCountdown } from '../../../services/reauthorisation/countdown';
import { fresh } from '../../support/fixtures/partnerships';
import { customerWithOrder } from '../../support/fixtures/sandboxOrders';
import { approver, onEveryBackend } from '../../support/fixtures/serviceHarness';

/** Keys of other collections (delivery ledger, bot state, ...) a listing must not walk. */
const UNRELATED_KEYS = 20_000;

interface CountedClient {
  scanIterator(...args: unknown[]): unknown;
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * The periodic passes (countdown A2, partnership confirmation P3, GDAP reminders G1), App Home, the
 * Teams and Slack lists, `/csp audit` and the sandboxes' own state (Partner Center's relationships,
 * customers, subscriptions and agreements; Graph's GDAP relationships) read their indexes on Redis: no
 * SCAN of the keyspace, whatever else it holds.
 */
onEveryBackend(
  'Partnership, invitation, partner, audit, GDAP and sandbox listings on Redis (A2, P2, P3, G1)',
  (h) => {
    it(`send no SCAN to Redis, with ${UNRELATED_KEYS.toLocaleString('en')} unrelated keys beside them`, async function () {
      const client = (await h().store.redisClient?.()) as CountedClient;
      const unrelated = `test:unrelated:${fresh()}:`;
      for (let at = 0; at < UNRELATED_KEYS; at += 1_000) {
        const batch = Array.from({ length: 1_000 }, (_, i) => [`${unrelated}${at + i}`, 'x']).flat();
        await client.sendCommand(['MSET', ...batch]);
      }
      try {
        const resellerId = fresh();
        const at = h().now().toISOString();
        const partnership = {
          id: partnershipId(h().providerId, resellerId),
          providerId: h().providerId,
          resellerId,
          state: 'active',
          createdBy: approver,
          createdAt: at,
          updatedAt: at,
        } as Partnership;
        // As the product stores one: indexed, then written.
        await h().service.partnerships.indexes.willBeStored(h().providerId, resellerId);
        await h().store.records.compareAndSet(KEYS.partnership(h().providerId, resellerId), undefined, partnership);
        const { invitation } = await h().invite(`contact-${resellerId}@fabrikam.example`);
        const gdap = new GdapLinkIndexes(h().store.records, h().now);
        const distributor = h().partnerCenter.as(DEMO.provider.tenantId);
        const domain = `piekarnia${resellerId.replace(/[^a-z0-9]/gi, '').slice(0, 12)}`.toLowerCase();
        const customer = await customerWithOrder(distributor, domain);
        const graph = new GdapSandbox({
          records: h().store.records,
          facts: partnerCenterSandboxFacts(h().store.records),
        });
        const countdown = new ReauthorisationCountdown({
          records: h().store.records,
          partners: h().partners,
          partnerCenter: h().partnerCenter,
          notifier: { teamsTenant: async () => {}, slackChannel: async () => {} },
          clock: h().now,
          everyMs: 60_000,
          logger: { warn: () => {}, error: () => {} },
        });

        const scanIterator = sinon.spy(client, 'scanIterator');
        const sendCommand = sinon.spy(client, 'sendCommand');
        try {
          const resellers = await h().service.listResellers(h().providerId);
          const invitations = await h().service.invitations.openInvitations(h().providerId);
          await h().service.invitations.waitingInvitations(resellerId, {
            userPrincipalName: invitation.email,
            tenantId: resellerId,
          });
          await h().service.partnerships.confirmationWork(h().now());
          await countdown.checkAll();
          await Promise.all([gdap.all(), gdap.ofReseller(resellerId), gdap.ofProvider(h().providerId)]);
          await h().partners.all();
          const audit = await h().service.audit.latest(h().providerId);
          const resellersOfDistributor = await distributor.listRelationships('IsIndirectCloudSolutionProviderOf');
          const providersOfReseller = await h()
            .partnerCenter.as(DEMO.resellerReady.tenantId)
            .listRelationships('IsIndirectResellerOf');
          const customers = await distributor.listCustomers();
          const subscriptions = await distributor.listSubscriptions(customer.tenantId);
          const agreements = await distributor.listCustomerAgreements(customer.tenantId);
          const revenue = await distributor.getResellerRevenue(DEMO.resellerReady.tenantId);
          await graph.allRelationships();
          const found = await partnerCenterSandboxFacts(h().store.records).customerByDomain(customer.domain);

          expect(resellers.map((row) => row.partnership.resellerId)).to.deep.equal([resellerId]);
          expect(invitations.map((i) => i.id)).to.deep.equal([invitation.id]);
          expect(audit.map((entry) => entry.action)).to.include('invitation.create');
          expect(resellersOfDistributor.map((r) => r.tenantId)).to.include(DEMO.resellerReady.tenantId);
          expect(providersOfReseller.map((r) => r.tenantId)).to.include(DEMO.provider.tenantId);
          expect(customers.map((c) => c.tenantId)).to.include(customer.tenantId);
          expect(subscriptions).to.have.length(1);
          expect(agreements).to.have.length(1);
          expect(revenue?.usd).to.be.greaterThan(0);
          expect(found?.tenantId).to.equal(customer.tenantId);
          const scans = sendCommand.getCalls().filter((call) => String(call.args[0][0]).toUpperCase() === 'SCAN');
          expect({ scanIterator: scanIterator.callCount, scan: scans.length }).to.deep.equal({
            scanIterator: 0,
            scan: 0,
          });
        } finally {
          sinon.restore();
        }
      } finally {
        for (let at = 0; at < UNRELATED_KEYS; at += 1_000) {
          await client.sendCommand(['DEL', ...Array.from({ length: 1_000 }, (_, i) => `${unrelated}${at + i}`)]);
        }
      }
    });
  },
  'redis',
);
