import { expect } from 'chai';
import { createLogger } from '../../../bot/logger';
import { DUE_INDEX, dueMember } from '../../../services/outbox/dueIndex';
import { Outbox } from '../../../services/outbox/outbox';
import { jobIdOf } from '../../../services/outbox/outboxJobs';
import { RateLimiter } from '../../../services/outbox/rateLimiter';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';

/**
 * A notice's lanes (Teams: 1 message a second per conversation) are spent on messages sent, not on
 * entries that turn out to hold nothing: an enqueue caught between its index write and its job write
 * must not cost the next real notice its turn.
 */
describe('outbox lane tokens: spent on what is sent', () => {
  const lane = { key: 'teams:conv:a:anna', perSecond: 1, burst: 1 };

  it('gives back a token: the bucket is as full as before the take', async () => {
    const clock = { now: 1_000_000 };
    const limiter = new RateLimiter(() => clock.now);
    expect(await limiter.tryTake([lane])).to.equal(0);
    expect(await limiter.tryTake([lane])).to.be.greaterThan(0);
    await limiter.giveBack([lane]);
    expect(await limiter.tryTake([lane])).to.equal(0);
  });

  it('sends a notice at once when the entry ahead of it in its lane had no job yet (an enqueue in progress)', async () => {
    const clock = { now: 1_000_000 };
    const records = new MemoryAtomicStore();
    const sent: string[] = [];
    const outbox = new Outbox({
      records,
      logger: createLogger('silent'),
      handlers: {
        teams: async (payload: { text: string }) => {
          sent.push(payload.text);
          return { kind: 'delivered' };
        },
      },
      now: () => clock.now,
      pollMs: 60_000,
      // One entry after the other, in due order, as a pass meets them when the lane is busy.
      concurrency: 1,
    });
    // Another instance's enqueue, between its two writes: the index entry is there, its job not yet.
    await records.indexAdd(DUE_INDEX, dueMember(jobIdOf('teams:in-progress'), [lane]), clock.now - 1);
    await outbox.enqueue({ kind: 'teams', dedupeKey: 'welcome', payload: { text: 'hello' }, lanes: [lane] });
    await outbox.drain();
    expect(sent).to.deep.equal(['hello']);
  });
});
