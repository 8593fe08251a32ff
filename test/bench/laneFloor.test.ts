import { expect } from 'chai';
import { laneFloorSeconds } from '../../bench/laneFloor';

/**
 * Issue 18 item 4 (two instances ×1.6 the deliveries of one): a fan-out whose shape Teams' own limits make
 * last a fixed time cannot show what a second instance adds. The bench says how long the lanes alone need.
 */
describe('bench: the least time Teams’ lanes give a fan-out on Redis', () => {
  it('is 6 s for 5 notices a conversation: 2 at once, 2 a window later, 1 two windows later', () => {
    expect(laneFloorSeconds({ users: 2, perTenant: 5 })).to.equal(6);
  });

  it('is nothing for 2 notices a conversation and 10 a tenant, both within a lane’s burst', () => {
    expect(laneFloorSeconds({ users: 5, perTenant: 2 })).to.equal(0);
  });

  it('follows the tenant’s lane when a tenant’s people outgrow its burst (20 a second)', () => {
    expect(laneFloorSeconds({ users: 25, perTenant: 2 })).to.equal(2);
  });
});
