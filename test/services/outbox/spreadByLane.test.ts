import { expect } from 'chai';
import { type DueEntry, spreadByLane } from '../../../services/outbox/duePass';

/**
 * Instances sharing a store walk one pass's due entries in orders of their own (by lane, drawn anew each
 * pass), so they do not all take the same jobs at once; within a lane the due order stays.
 */
describe('outbox due pass: entries spread by lane', () => {
  const entry = (conversation: string, n: number): DueEntry => ({
    member: `${conversation}-${n}`,
    id: `${conversation}-${n}`,
    dueAt: n,
    lanes: [{ key: `teams:conv:${conversation}`, perSecond: 1, burst: 2 }],
  });
  const entries = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((c) => [1, 2, 3].map((n) => entry(c, n)));

  it('keeps every entry, and the due order within each lane', () => {
    const spread = spreadByLane(entries, 0.42);
    expect(spread.map((e) => e.id).sort()).to.deep.equal(entries.map((e) => e.id).sort());
    for (const conversation of ['a', 'd', 'h']) {
      const mine = spread.filter((e) => e.id.startsWith(`${conversation}-`)).map((e) => e.dueAt);
      expect(mine).to.deep.equal([1, 2, 3]);
    }
  });

  it('draws another order of lanes for another draw', () => {
    const firstLanes = (salt: number) =>
      [...new Set(spreadByLane(entries, salt).map((e) => e.id.split('-')[0]))].join('');
    const orders = new Set([0.1, 0.2, 0.3, 0.4, 0.5].map(firstLanes));
    expect(orders.size).to.be.greaterThan(1);
  });
});
