import { ConversationState, type TurnContext } from 'botbuilder';
import { expect } from 'chai';
import { KeyvBotStorage } from '../../../bot/keyvBotStorage';
import type { AtomicStore, Versioned } from '../../../services/storage/atomicStore';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { ReadAheadStore } from '../../../services/storage/readAheadStore';

/**
 * A turn's first records read ahead at the edge, in one trip (issue 18: a step turn read the conversation's
 * state, then the organisation's draft). The turn takes each read up once; a read nobody took is dropped;
 * and a read never goes back behind a write this process made.
 */
describe('records read ahead of a turn (issue 18: one store read a step turn)', () => {
  let inner: MemoryAtomicStore;
  let trips: string[];
  /** Writes waiting to be applied (a commit under way: readers meanwhile see the record as it was). */
  let held: Array<() => void>;
  let holdWrites: boolean;
  let store: ReadAheadStore;

  const applied = () => (holdWrites ? new Promise<void>((resolve) => held.push(resolve)) : Promise.resolve());
  const release = () => held.splice(0).forEach((resolve) => resolve());

  beforeEach(() => {
    inner = new MemoryAtomicStore();
    trips = [];
    held = [];
    holdWrites = false;
    const counted: AtomicStore = Object.assign(Object.create(inner) as AtomicStore, {
      read: (key: string) => {
        trips.push(`read ${key}`);
        return inner.read(key);
      },
      readMany: (keys: string[]) => {
        trips.push(`readMany ${keys.join(' ')}`);
        return inner.readMany(keys);
      },
      compareAndSet: async (key: string, expected: number | undefined, value: unknown) => {
        await applied();
        return inner.compareAndSet(key, expected, value);
      },
    });
    store = new ReadAheadStore(counted);
  });

  const valueOf = async (key: string) => ((await store.read<string>(key)) as Versioned<string> | undefined)?.value;

  it("reads the turn's records in one trip, and each reader takes its record up once", async () => {
    await inner.compareAndSet('bot:state', undefined, 'primary-contact');
    await inner.compareAndSet('partner:tenant-1', undefined, 'draft');
    store.readAhead(['bot:state', 'partner:tenant-1']);
    expect(await valueOf('bot:state')).to.equal('primary-contact');
    expect(await valueOf('partner:tenant-1')).to.equal('draft');
    expect(trips).to.deep.equal(['readMany bot:state partner:tenant-1']);
    // The next read of the same record goes to the store: a read ahead serves one reader.
    await valueOf('bot:state');
    expect(trips).to.have.length(2);
  });

  it('drops what no reader took (a redelivery answered already), so a later read sees the record as it is then', async () => {
    const drop = store.readAhead(['bot:state']);
    drop();
    await inner.compareAndSet('bot:state', undefined, 'mpa');
    expect(await valueOf('bot:state')).to.equal('mpa');
  });

  it("a request's drop leaves another request's read ahead of the same record alone", async () => {
    await inner.compareAndSet('partner:tenant-1', undefined, 'draft');
    const dropFirst = store.readAhead(['partner:tenant-1']);
    store.readAhead(['partner:tenant-1']);
    dropFirst();
    await valueOf('partner:tenant-1');
    expect(trips.filter((trip) => trip.startsWith('read '))).to.deep.equal([]);
  });

  it('never answers a read with what was read before a write this process made: the write forgets it', async () => {
    await inner.compareAndSet('partner:tenant-1', undefined, 'before');
    store.readAhead(['partner:tenant-1']);
    expect(await store.compareAndSet('partner:tenant-1', 1, 'after')).to.equal(2);
    expect(await valueOf('partner:tenant-1')).to.equal('after');
  });

  it('nor with a read ahead begun while the write was on its way (it may have read the record before the write)', async () => {
    await inner.compareAndSet('partner:tenant-1', undefined, 'before');
    holdWrites = true;
    const written = store.compareAndSet('partner:tenant-1', 1, 'after');
    // The write is on its way (not committed yet): a read ahead started now reads the record before it.
    store.readAhead(['partner:tenant-1']);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await written).to.equal(2);
    expect(await valueOf('partner:tenant-1')).to.equal('after');
  });

  it("gives the read's failure to the reader that takes it up, and reads nothing anew for it", async () => {
    const failing = new ReadAheadStore(
      Object.assign(Object.create(inner) as AtomicStore, {
        readMany: () => Promise.reject(new Error('Redis is down')),
      }),
    );
    failing.readAhead(['bot:state']);
    await new Promise((resolve) => setImmediate(resolve));
    let failure: unknown;
    await failing.read('bot:state').catch((error: unknown) => (failure = error));
    expect((failure as Error).message).to.equal('Redis is down');
  });

  it("saves the conversation's state at the version read ahead, as after the turn's own read", async () => {
    const storage = new KeyvBotStorage(store);
    const state = new ConversationState(storage);
    const activity = {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'a:anna' },
      from: { id: '29:anna' },
      recipient: { id: '28:bot' },
    };
    const key = state.getStorageKey({ activity } as unknown as TurnContext) as string;
    await storage.write({ [key]: { step: 'primary-contact', eTag: '*' } });
    store.readAhead([storage.recordKey(key)]);
    const item = (await storage.read([key]))[key];
    expect(item).to.include({ step: 'primary-contact', eTag: '1' });
    await storage.write({ [key]: { ...item, step: 'mpa', eTag: item.eTag } });
    expect((await storage.read([key]))[key]).to.include({ step: 'mpa', eTag: '2' });
    expect(trips.filter((trip) => !trip.startsWith('read '))).to.deep.equal([`readMany bot:${key}`]);
  });
});
