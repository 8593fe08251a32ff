import { expect } from 'chai';
import sinon from 'sinon';
import { type Partnership, partnershipId } from '../../../services/domain/partnership';
import { GdapLinkIndexes } from '../../../services/gdap/gdapLinkIndexes';
import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import { KEYS } from '../../../services/partnerships/partnershipRecords';
import { ReauthorisationCountdown } from '../../../services/reauthorisation/countdown';
import { fresh } from '../../support/fixtures/partnerships';
import { approver, onEveryBackend } from '../../support/fixtures/serviceHarness';

/** Keys of other collections (delivery ledger, bot state, ...) a listing must not walk. */
const UNRELATED_KEYS = 20_000;

const notConsulted = {
  as: () => {
    throw new Error('Partner Center is not consulted in this test');
  },
} as unknown as PartnerCenterGateway;

interface CountedClient {
  scanIterator(...args: unknown[]): unknown;
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * The periodic passes (countdown A2, partnership confirmation P3, GDAP reminders G1), App Home and the
 * Teams and Slack lists read their indexes on Redis: no SCAN of the keyspace, whatever else it holds.
 */
onEveryBackend(
  'Partnership, invitation, partner and GDAP listings on Redis (A2, P2, P3, G1)',
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
        const countdown = new ReauthorisationCountdown({
          records: h().store.records,
          partners: h().partners,
          // The sandbox keeps its stand-in for Partner Center in the store and reads it by prefix: the sandbox's
          // own state, not the assistant's, so the countdown's standing checks are left out of this count.
          partnerCenter: notConsulted,
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
          await h().service.invitations.waitingInvitations(resellerId, invitation.email);
          await h().service.partnerships.confirmationWork(h().now());
          await countdown.checkAll();
          await Promise.all([gdap.all(), gdap.ofReseller(resellerId), gdap.ofProvider(h().providerId)]);
          await h().partners.all();

          expect(resellers.map((row) => row.partnership.resellerId)).to.deep.equal([resellerId]);
          expect(invitations.map((i) => i.id)).to.deep.equal([invitation.id]);
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
