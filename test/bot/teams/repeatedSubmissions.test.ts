import { createHash } from 'node:crypto';
import { expect } from 'chai';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import type { PressRecord } from '../../../bot/teams/pressRecord';
import { pressRecordKeyOf, RepeatedSubmissions } from '../../../bot/teams/repeatedSubmissions';
import type { AtomicStore } from '../../../services/storage/atomicStore';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';

/**
 * The double-click guard (issue 18): one press, one effect, one answer, at one store write for a press
 * answered at once; a slow turn's claim is renewed while it runs, and the turn does not wait for its
 * "handled" record before Teams hears back, yet a person's next press is judged against it.
 */
describe('repeated card presses: one write for a quick answer, renewed for a slow one', () => {
  let clock: sinon.SinonFakeTimers;
  let records: AtomicStore;
  let writes: string[];
  /** Holds every compare-and-set that writes "handled" until `release` is called. */
  let release: () => void;

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: Date.parse('2026-12-03T10:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    const inner = new MemoryAtomicStore();
    writes = [];
    let gate = new Promise<void>((resolve) => (release = resolve));
    records = Object.assign(Object.create(inner) as AtomicStore, {
      compareAndSet: async (
        key: string,
        expected: number | undefined,
        value: unknown,
        options?: { ttlMs?: number },
      ) => {
        const state = (value as { state?: string }).state ?? '';
        writes.push(state);
        if (state === 'handled') await gate;
        return inner.compareAndSet(key, expected, value, options);
      },
    });
    gate = gate.then(() => {});
  });
  afterEach(() => clock.restore());

  const guardOn = (store: AtomicStore) => new RepeatedSubmissions({ records: store, clock: () => new Date() });
  const press = (data: Record<string, unknown>): Partial<Activity> => ({
    type: 'message',
    replyToId: 'card-1',
    value: data,
    from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna' },
    conversation: { id: 'a:anna', isGroup: false, conversationType: 'personal', name: '' },
  });

  it('writes the claim alone for a press answered at once, and drops the same press for the grace after it', async () => {
    const guard = guardOn(records);
    const first = await guard.claim(press({ verb: 'save' }));
    expect(first).to.not.equal(undefined);
    await clock.tickAsync(300);
    await first!.handled();
    expect(writes).to.deep.equal(['claimed']);
    // A double click, from this instance or another one reading the store.
    await clock.tickAsync(1_000);
    expect(await guard.claim(press({ verb: 'save' }))).to.equal(undefined);
    expect(await guardOn(records).claim(press({ verb: 'save' }))).to.equal(undefined);
    // The same button again later is a new press.
    await clock.tickAsync(5_000);
    expect(await guard.claim(press({ verb: 'save' }))).to.not.equal(undefined);
  });

  it('keeps a slow turn’s press claimed however long it runs, then drops a repeat for the grace after its answer', async () => {
    const guard = guardOn(records);
    const first = await guard.claim(press({ verb: 'check' }));
    await clock.tickAsync(12_000);
    expect(writes.filter((state) => state === 'claimed').length).to.be.greaterThan(3);
    expect(await guardOn(records).claim(press({ verb: 'check' }))).to.equal(undefined);
    const written = first!.handled();
    release();
    await written;
    await clock.tickAsync(4_000);
    expect(await guardOn(records).claim(press({ verb: 'check' }))).to.equal(undefined);
    await clock.tickAsync(1_500);
    expect(await guardOn(records).claim(press({ verb: 'check' }))).to.not.equal(undefined);
  });

  it('lets the press run again soon after the process answering it died, not a minute later', async () => {
    const dying = guardOn(records);
    expect(await dying.claim(press({ verb: 'save' }))).to.not.equal(undefined);
    // The process is gone: its renewals stop (its timers never fire again).
    clock.reset();
    clock.setSystemTime(Date.parse('2026-12-03T10:00:06Z'));
    expect(await guardOn(records).claim(press({ verb: 'save' }))).to.not.equal(undefined);
  });

  it('judges the same press again after the grace by the answer, even when "handled" is still being written', async () => {
    const guard = guardOn(records);
    const first = await guard.claim(press({ verb: 'save' }));
    await clock.tickAsync(3_000);
    const written = first!.handled();
    await clock.tickAsync(6_000);
    // Read against the claim renewed at 2.5 s, this press would run before "handled" is even written.
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
    const guard = guardOn(records);
    const first = await guard.claim(press({ verb: 'save', name: 'Anna' }));
    await clock.tickAsync(3_000);
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

  it('reads an older version’s claim ("in-flight", never renewed) as live for a minute', async () => {
    const guard = guardOn(records);
    expect(await guard.claim(press({ verb: 'save' }))).to.not.equal(undefined);
    const [stored] = await records.list<{ press: string; state: string; at: string }>('teams:press:');
    await records.compareAndSet(stored.key, stored.version, { ...stored.value, state: 'in-flight' });
    clock.reset();
    clock.setSystemTime(Date.parse('2026-12-03T10:00:30Z'));
    expect(await guardOn(records).claim(press({ verb: 'save' }))).to.equal(undefined);
    clock.setSystemTime(Date.parse('2026-12-03T10:01:01Z'));
    expect(await guardOn(records).claim(press({ verb: 'save' }))).to.not.equal(undefined);
  });

  describe('claimed at the edge, standing for the delivery too', () => {
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
      const guard = guardOn(counting);
      const activity = delivered('activity-1', { verb: 'save' });
      const early = guard.begin(activity);
      expect(early).to.not.equal(undefined);
      expect(await guard.claim(activity, early)).to.not.equal(undefined);
      expect(writes).to.equal(1);
    });

    it('gives back the claim of a delivery whose turn never ran, so Teams’ retry of it runs', async () => {
      const guard = guardOn(new MemoryAtomicStore());
      const activity = delivered('activity-1', { verb: 'save' });
      await guard.begin(activity)!.release();
      await clock.tickAsync(1_000);
      expect(await guard.claim(activity)).to.not.equal(undefined);
    });

    it('answers a press Teams sends again (the same activity) once, long after the grace, on any instance', async () => {
      const guard = guardOn(records);
      const first = await guard.claim(delivered('activity-1', { verb: 'save' }));
      await first!.handled();
      await clock.tickAsync(10 * 60_000);
      expect(await guard.claim(delivered('activity-1', { verb: 'save' }))).to.equal(undefined);
      expect(await guardOn(records).claim(delivered('activity-1', { verb: 'save' }))).to.equal(undefined);
      // The same button pressed again by the person (a new activity) is a new press.
      expect(await guard.claim(delivered('activity-2', { verb: 'save' }))).to.not.equal(undefined);
    });

    it('still answers once a press Teams sends again after the person pressed another button', async () => {
      const guard = guardOn(records);
      await (await guard.claim(delivered('activity-1', { verb: 'save', name: 'Anna' })))!.handled();
      await (await guard.claim(delivered('activity-2', { verb: 'continue' })))!.handled();
      await clock.tickAsync(30_000);
      expect(await guardOn(records).claim(delivered('activity-1', { verb: 'save', name: 'Anna' }))).to.equal(undefined);
    });

    it('runs Teams’ retry of a press whose turn failed, and keeps answering the person’s earlier presses once', async () => {
      const guard = guardOn(records);
      await (await guard.claim(delivered('activity-1', { verb: 'save' })))!.handled();
      await (await guard.claim(delivered('activity-2', { verb: 'continue' })))!.failed();
      const retried = await guardOn(records).claim(delivered('activity-2', { verb: 'continue' }));
      expect(retried, 'the retry of the failed press').to.not.equal(undefined);
      await retried!.handled();
      expect(await guardOn(records).claim(delivered('activity-1', { verb: 'save' }))).to.equal(undefined);
    });

    it('takes a failed press’s delivery out of the record another press has written since', async () => {
      const guard = guardOn(records);
      const slow = await guard.claim(delivered('activity-1', { verb: 'check' }));
      await (await guardOn(records).claim(delivered('activity-2', { verb: 'continue' })))!.handled();
      await slow!.failed();
      expect(await guardOn(records).claim(delivered('activity-1', { verb: 'check' }))).to.not.equal(undefined);
      expect(await guardOn(records).claim(delivered('activity-2', { verb: 'continue' }))).to.equal(undefined);
    });

    it('runs a press Teams sends again when the instance that answered it has stopped, as the delivery ledger does', async () => {
      let live = ['instance-a', 'instance-b'];
      const on = (self: string) =>
        new RepeatedSubmissions({ records, clock: () => new Date(), liveness: { self, live: async () => live } });
      await (await on('instance-a').claim(delivered('activity-1', { verb: 'save' })))!.handled();
      expect(await on('instance-b').claim(delivered('activity-1', { verb: 'save' }))).to.equal(undefined);
      live = ['instance-b'];
      expect(await on('instance-b').claim(delivered('activity-1', { verb: 'save' }))).to.not.equal(undefined);
    });

    it('names the answering instance once in the person’s record, and still tells whose delivery was whose', async () => {
      let live = ['instance-a', 'instance-b'];
      const on = (self: string) =>
        new RepeatedSubmissions({ records, clock: () => new Date(), liveness: { self, live: async () => live } });
      const a = on('instance-a');
      for (let i = 1; i <= 7; i++)
        await (await a.claim(delivered(`activity-${i}`, { verb: 'save', step: i })))!.handled();
      await (await on('instance-b').claim(delivered('activity-8', { verb: 'continue' })))!.handled();

      const [{ value: record }] = await records.list<PressRecord>('teams:press:');
      expect(record.by, 'the record names its writer').to.equal('instance-b');
      expect(record.deliveries!.map((d) => d.by)).to.deep.equal([...Array(7).fill('instance-a'), undefined]);
      // Each instance's own deliveries stay answered once while both run.
      expect(await on('instance-b').claim(delivered('activity-3', { verb: 'save', step: 3 }))).to.equal(undefined);
      expect(await on('instance-a').claim(delivered('activity-8', { verb: 'continue' }))).to.equal(undefined);
      // instance-a stops: its deliveries run again on instance-b (it may have died mid-turn); instance-b's do not.
      live = ['instance-b'];
      expect(await on('instance-b').claim(delivered('activity-8', { verb: 'continue' }))).to.equal(undefined);
      expect(await on('instance-b').claim(delivered('activity-3', { verb: 'save', step: 3 }))).to.not.equal(undefined);
    });

    it('writes the instance once for a person’s presses all answered by one instance', async () => {
      const guard = new RepeatedSubmissions({
        records,
        clock: () => new Date(),
        liveness: { self: 'instance-a', live: async () => ['instance-a'] },
      });
      for (let i = 1; i <= 10; i++)
        await (await guard.claim(delivered(`activity-${i}`, { verb: 'save', step: i })))!.handled();
      const [{ value: record }] = await records.list<PressRecord>('teams:press:');
      expect(record.by).to.equal('instance-a');
      expect(record.deliveries).to.deep.equal([3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({ id: `activity-${i}` })));
      expect(JSON.stringify(record).match(/instance-a/g)).to.have.length(1);
    });

    it('finds a person’s record under the key earlier versions wrote it (SHA-256 of the conversation and person)', () => {
      const activity = delivered('activity-1', { verb: 'save' });
      const earlierKey = `teams:press:${createHash('sha256')
        .update(JSON.stringify(['a:anna', 'aad-anna']))
        .digest('hex')
        .slice(0, 40)}`;
      expect(pressRecordKeyOf(activity)).to.equal(earlierKey);
    });

    it('reads a record of the earlier shape, each delivery naming its instance, and keeps their instances', async () => {
      let live = ['instance-a', 'instance-b'];
      const on = (self: string) =>
        new RepeatedSubmissions({ records, clock: () => new Date(), liveness: { self, live: async () => live } });
      // Written as the version before 2026-12-05 wrote it, under the key the guard uses for Anna.
      await (await on('instance-a').claim(delivered('activity-0', { verb: 'save' })))!.handled();
      const [{ key, version }] = await records.list<PressRecord>('teams:press:');
      const earlier: PressRecord = {
        press: 'an-earlier-press',
        state: 'handled',
        at: new Date().toISOString(),
        deliveries: [
          { id: 'activity-1', by: 'instance-a' },
          { id: 'activity-2', by: 'instance-b' },
        ],
      };
      release();
      expect(await records.compareAndSet(key, version, earlier)).to.not.equal(undefined);
      expect(await on('instance-a').claim(delivered('activity-2', { verb: 'continue' }))).to.equal(undefined);
      await (await on('instance-a').claim(delivered('activity-3', { verb: 'check' })))!.handled();
      live = ['instance-a'];
      // instance-b stopped: its delivery runs again; instance-a's own do not.
      expect(await on('instance-a').claim(delivered('activity-1', { verb: 'save' }))).to.equal(undefined);
      expect(await on('instance-a').claim(delivered('activity-2', { verb: 'continue' }))).to.not.equal(undefined);
    });
  });
});
