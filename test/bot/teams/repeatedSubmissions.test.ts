import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { RepeatedSubmissions } from '../../../bot/teams/repeatedSubmissions';
import type { AtomicStore } from '../../../services/storage/atomicStore';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';

/**
 * The double-click guard (issue 18): the turn does not wait for the "handled" record before Teams hears
 * back, yet a person's next press is judged against it, never against the half-written one.
 */
describe('repeated card presses, with the answer sent before "handled" is written', () => {
  let now: number;
  let records: AtomicStore;
  /** Holds every compare-and-set that writes "handled" until `release` is called. */
  let release: () => void;

  beforeEach(() => {
    now = Date.parse('2026-12-03T10:00:00Z');
    const inner = new MemoryAtomicStore();
    let gate = new Promise<void>((resolve) => (release = resolve));
    records = Object.assign(Object.create(inner) as AtomicStore, {
      compareAndSet: async (
        key: string,
        expected: number | undefined,
        value: unknown,
        options?: { ttlMs?: number },
      ) => {
        if ((value as { state?: string }).state === 'handled') await gate;
        return inner.compareAndSet(key, expected, value, options);
      },
    });
    gate = gate.then(() => {});
  });

  const press = (data: Record<string, unknown>): Partial<Activity> => ({
    type: 'message',
    replyToId: 'card-1',
    value: data,
    from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna' },
    conversation: { id: 'a:anna', isGroup: false, conversationType: 'personal', name: '' },
  });

  it('judges the same press again after the grace by the answer, even when "handled" is still being written', async () => {
    const guard = new RepeatedSubmissions({ records, clock: () => new Date(now) });
    const first = await guard.claim(press({ verb: 'save' }));
    expect(first).to.not.equal(undefined);
    const written = first!.handled();
    now += 6_000;
    // Read against the "in flight" record, this press would be dropped for a minute.
    const again = guard.claim(press({ verb: 'save' }));
    release();
    await written;
    const claimed = await again;
    expect(claimed).to.not.equal(undefined);
    // And the same press right after that second answer is its repeat.
    await claimed!.handled();
    expect(await guard.claim(press({ verb: 'save' }))).to.equal(undefined);
  });

  it('runs another press of the same person at once after "handled" lands, with no write lost', async () => {
    const guard = new RepeatedSubmissions({ records, clock: () => new Date(now) });
    const first = await guard.claim(press({ verb: 'save', name: 'Anna' }));
    const written = first!.handled();
    const other = guard.claim(press({ verb: 'save', name: 'Anna Nowak' }));
    release();
    await written;
    const claimed = await other;
    expect(claimed).to.not.equal(undefined);
    await claimed!.handled();
    // The second press's record is the one kept: the same second press again is now the repeat.
    expect(await guard.claim(press({ verb: 'save', name: 'Anna Nowak' }))).to.equal(undefined);
  });

  describe('claimed at the edge, beside the delivery ledger', () => {
    const delivered = (id: string, data: Record<string, unknown>) => ({ ...press(data), id });

    it('takes up in the turn the claim begun at the edge: one write, not two', async () => {
      let writes = 0;
      const inner = new MemoryAtomicStore();
      const counting = Object.assign(Object.create(inner) as AtomicStore, {
        compareAndSet: (...args: Parameters<AtomicStore['compareAndSet']>) => {
          writes += 1;
          return inner.compareAndSet(...args);
        },
      });
      const guard = new RepeatedSubmissions({ records: counting, clock: () => new Date(now) });
      const activity = delivered('activity-1', { verb: 'save' });
      guard.begin(activity);
      expect(await guard.claim(activity)).to.not.equal(undefined);
      expect(writes).to.equal(1);
    });

    it('gives back the claim of a delivery that does not run (a redelivery), so the person’s next press runs', async () => {
      const guard = new RepeatedSubmissions({ records: new MemoryAtomicStore(), clock: () => new Date(now) });
      const redelivered = delivered('activity-1', { verb: 'save' });
      guard.begin(redelivered);
      await guard.release(redelivered);
      // The same press, sent as a new activity a second later: not taken for a repeat of one never run.
      now += 1_000;
      expect(await guard.claim(delivered('activity-2', { verb: 'save' }))).to.not.equal(undefined);
    });
  });
});
