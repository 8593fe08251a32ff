import { expect } from 'chai';
import sinon from 'sinon';
import type { AtomicStore } from '../../../services/storage/atomicStore';
import { DEMO, fresh, freshMpnId, seedReseller } from '../../support/fixtures/partnerships';
import { onEveryBackend } from '../../support/fixtures/serviceHarness';

/** What a unit of work asked the store for: round trips that read, and the records or entries they brought. */
interface Reads {
  trips: number;
  records: number;
}

const READS = ['read', 'readMany', 'list', 'indexRange'] as const;

/** Counts every read `records` serves until `restore` (sinon stubs around the store's own methods). */
function countReads(records: AtomicStore): Reads {
  const counted = { trips: 0, records: 0 };
  for (const method of READS) {
    const original = (records[method] as (...args: unknown[]) => Promise<unknown>).bind(records);
    sinon.stub(records, method).callsFake((async (...args: unknown[]) => {
      counted.trips++;
      const answer = await original(...args);
      counted.records += Array.isArray(answer) ? answer.filter(Boolean).length : answer ? 1 : 0;
      return answer;
    }) as never);
  }
  return counted;
}

/**
 * P2, P3 (E7, E4): a person's first turn in a new conversation tells them what waits for them, whether
 * sent to their company's domain or to their organisation by its MPN ID or primary contact. What that
 * costs must not grow with the invitations open for other organisations or with the partners known:
 * it read every open invitation, and every partner once per open invitation.
 */
onEveryBackend('A first turn reads what waits for the person, not every invitation and partner (P2, P3)', (h) => {
  const ELSEWHERE = 50;
  const PARTNERS = 200;

  /** A reseller with a person at its own domain, and an invitation by each road to it: domain, contact, MPN ID. */
  async function resellerWithThreeInvitations() {
    const tenantId = fresh();
    const domain = `fabrikam-${tenantId.slice(0, 8)}.pl`;
    const mpnId = freshMpnId();
    const contact = `contact@office-${tenantId.slice(0, 8)}.pl`;
    await seedReseller(h().partners, { ...DEMO.resellerReady, mpnId, primaryContactEmail: contact }, { tenantId });
    const invited = [];
    for (const [email, extra] of [
      [`it@sales.${domain}`, {}],
      [contact, {}],
      [`someone@elsewhere-${tenantId.slice(0, 8)}.pl`, { mpnId }],
    ] as const) {
      invited.push(await h().invite(email, extra));
      h().advance(1_000);
    }
    const person = { tenantId, aadObjectId: `aad-${tenantId}` };
    const account = { userPrincipalName: `piotr@${domain}`, userRole: 'user', tenantId };
    return { person, account, ids: invited.map((i) => i.invitation.id).reverse() };
  }

  async function firstTurn(): Promise<Reads> {
    const { person, account, ids } = await resellerWithThreeInvitations();
    const reads = countReads(h().store.records);
    try {
      const told = await h().service.invitations.personMet(person, account);
      expect(told.map((w) => w.invitation.id)).to.deep.equal(ids);
    } finally {
      sinon.restore();
    }
    return reads;
  }

  it(`reads as much with ${ELSEWHERE} invitations open elsewhere and ${PARTNERS} partners as without them`, async function () {
    this.timeout(120_000);
    const before = await firstTurn();

    for (let i = 0; i < ELSEWHERE; i++) await h().invite(`it@other-${i}-${fresh().slice(0, 8)}.pl`);
    for (let i = 0; i < PARTNERS; i++) {
      const tenantId = fresh();
      await seedReseller(
        h().partners,
        { ...DEMO.resellerReady, mpnId: freshMpnId(), primaryContactEmail: `contact@partner-${tenantId}.pl` },
        { tenantId },
      );
    }
    const after = await firstTurn();

    expect(after, `before: ${JSON.stringify(before)}`).to.deep.equal(before);
    // The person's organisation, each index (domain, contact, MPN ID) and its records, the distributor's set-up.
    expect(after.trips).to.be.at.most(1 + 3 * 2 + 2);
  });
});
