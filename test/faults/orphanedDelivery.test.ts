import { expect } from 'chai';
import { DELIVERY_KEYS, DeliveryLedger } from '../../bot/deliveryLedger';
import { createLogger } from '../../bot/logger';
import { MemoryAtomicStore } from '../../services/storage/memoryAtomicStore';

/**
 * A crash mid-turn loses nothing (issue 13 point 5, issue 18's outbox heartbeats): the instance that claimed
 * a delivery and stopped before settling it leaves a "started" claim; Teams' or Slack's retry of that
 * delivery runs it again instead of being told it was done. A delivery still running on a live instance is
 * answered once, as before.
 */
describe('Faults: a delivery claimed by an instance that stopped mid-turn', () => {
  const logger = createLogger('silent');
  const key = DELIVERY_KEYS.teamsActivity('a:conversation', 'activity-1');

  function instances(live: string[]) {
    const records = new MemoryAtomicStore();
    const ledgerOf = (self: string) => new DeliveryLedger(records, logger, { self, live: async () => live });
    return { records, ledgerOf };
  }

  it('runs the retry when the instance that started it no longer beats', async () => {
    const { ledgerOf } = instances(['survivor']);
    expect(await ledgerOf('crashed').claim(key)).to.include({ first: true });
    expect(await ledgerOf('survivor').claim(key)).to.include({ first: true });
    // Taken over once: a third delivery of the same activity is a repeat again.
    expect(await ledgerOf('survivor').claim(key)).to.deep.equal({ first: false, status: undefined });
  });

  it('answers a repeat once when the instance that started it still runs (a slow first delivery)', async () => {
    const { ledgerOf } = instances(['slow', 'other']);
    expect(await ledgerOf('slow').claim(key)).to.include({ first: true });
    expect(await ledgerOf('other').claim(key)).to.deep.equal({ first: false, status: undefined });
  });

  it('answers a repeat of a finished delivery with its status, whoever finished it', async () => {
    const { ledgerOf } = instances(['other']);
    const gone = ledgerOf('gone');
    const claim = await gone.claim(key);
    await gone.settle(key, claim, 202);
    expect(await ledgerOf('other').claim(key)).to.deep.equal({ first: false, status: 202 });
  });

  it('does not take over when it cannot tell which instances run', async () => {
    const records = new MemoryAtomicStore();
    const first = new DeliveryLedger(records, logger, { self: 'a', live: async () => ['a'] });
    const blind = new DeliveryLedger(records, logger, {
      self: 'b',
      live: () => Promise.reject(new Error('store unreachable')),
    });
    await first.claim(key);
    expect(await blind.claim(key)).to.deep.equal({ first: false, status: undefined });
  });
});
