import { ConversationState, type TurnContext } from 'botbuilder';
import { expect } from 'chai';
import { KeyvBotStorage } from '../../bot/keyvBotStorage';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { MemoryAtomicStore } from '../../services/storage/memoryAtomicStore';

/**
 * The conversation's state read at the edge, beside the delivery ledger's claim (issue 18): the turn
 * takes that read up instead of reading again, and a read no turn takes is dropped, so a turn never
 * gets a read that was not meant for it.
 */
describe('the conversation state read beside the delivery claim (issue 18)', () => {
  let reads: string[];
  let records: AtomicStore;

  beforeEach(() => {
    const inner = new MemoryAtomicStore();
    reads = [];
    records = Object.assign(Object.create(inner) as AtomicStore, {
      read: (key: string) => {
        reads.push(key);
        return inner.read(key);
      },
    });
  });

  const activity = {
    type: 'message',
    channelId: 'msteams',
    conversation: { id: 'a:anna' },
    from: { id: '29:anna' },
    recipient: { id: '28:bot' },
  };
  const keyOf = (state: ConversationState) => state.getStorageKey({ activity } as unknown as TurnContext) as string;

  it('gives the turn the state read at the edge: one read of the store, not two', async () => {
    const storage = new KeyvBotStorage(records);
    const state = new ConversationState(storage);
    await storage.write({ [keyOf(state)]: { step: 'primary-contact', eTag: '*' } });
    reads.length = 0;
    storage.prefetch(keyOf(state));
    const items = await storage.read([keyOf(state)]);
    expect(items[keyOf(state)]).to.include({ step: 'primary-contact' });
    expect(reads).to.have.length(1);
    // The next turn reads afresh: a prefetched read serves one turn.
    await storage.read([keyOf(state)]);
    expect(reads).to.have.length(2);
  });

  it('drops a read no turn took (a redelivery the ledger answered), so a later turn reads the state as it is then', async () => {
    const storage = new KeyvBotStorage(records);
    const state = new ConversationState(storage);
    const drop = storage.prefetch(keyOf(state));
    drop();
    await storage.write({ [keyOf(state)]: { step: 'mpa', eTag: '*' } });
    const items = await storage.read([keyOf(state)]);
    expect(items[keyOf(state)]).to.include({ step: 'mpa' });
  });

  it('saves what the turn changed at the version the edge read, as it would after its own read', async () => {
    const storage = new KeyvBotStorage(records);
    const state = new ConversationState(storage);
    await storage.write({ [keyOf(state)]: { step: 'primary-contact', eTag: '*' } });
    storage.prefetch(keyOf(state));
    const item = (await storage.read([keyOf(state)]))[keyOf(state)];
    await storage.write({ [keyOf(state)]: { ...item, step: 'mpa', eTag: item.eTag } });
    expect((await storage.read([keyOf(state)]))[keyOf(state)]).to.include({ step: 'mpa', eTag: '2' });
  });
});
