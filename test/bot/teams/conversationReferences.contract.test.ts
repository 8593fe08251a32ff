import type { ConversationReference } from 'botbuilder';
import { expect } from 'chai';
import pino from 'pino';
import { ConversationReferenceStore, type StoredReference } from '../../../bot/teams/conversationReferences';
import { IndexSweeps } from '../../../services/storage/indexSweeps';
import type { Store } from '../../../services/storage/openStore';
import { requireRedis, unitStores } from '../../support/drivers/testAssistant';

/**
 * Who in an organisation a notice reaches (E5 and every other notice to a reseller's people) is read from
 * a per-organisation index, not by listing the store. The same behaviour on every backend.
 */
const backends = unitStores();

const referenceTo = (conversationId: string): Partial<ConversationReference> => ({
  serviceUrl: 'https://smba.example.test/emea/',
  conversation: { id: conversationId, name: '', conversationType: 'personal', isGroup: false },
});

const ids = (people: StoredReference[]) => people.map((person) => person.aadObjectId);

for (const backend of backends) {
  describe(`Teams references by organisation: ${backend.name}`, () => {
    let store: Store;
    let tenant: string;

    before(function () {
      if (backend.needsRedis) requireRedis(this);
      store = backend.open();
    });
    after(async () => {
      if (store) await store.close();
    });
    beforeEach(() => {
      tenant = `tenant-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    });

    it('finds everyone of an organisation who talked to the assistant, in id order, and no one else', async () => {
      const references = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-b', referenceTo('b'), 'pl-PL');
      await references.remember(tenant, 'user-a', referenceTo('a'), 'sv-SE');
      await references.remember(`${tenant}-other`, 'user-c', referenceTo('c'));

      const people = await references.forTenant(tenant);
      expect(ids(people)).to.deep.equal(['user-a', 'user-b']);
      expect(people[1]).to.include({ tenantId: tenant, locale: 'pl-PL' });
      expect(people[1].reference.conversation?.id).to.equal('b');
    });

    it('finds a person once, with their newest conversation, after they talked from a new one', async () => {
      const references = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-a', referenceTo('first'));
      await references.remember(tenant, 'user-a', referenceTo('second'));

      const people = await references.forTenant(tenant);
      expect(people.map((person) => person.reference.conversation?.id)).to.deep.equal(['second']);
    });

    it('says when a conversation is new to a person, or the person new to this process, not a language change', async () => {
      const references = new ConversationReferenceStore(store.records);
      expect(await references.remember(tenant, 'user-a', referenceTo('first'), 'sv-SE')).to.equal('new-conversation');
      expect(await references.remember(tenant, 'user-a', referenceTo('first'), 'sv-SE')).to.equal('known');
      // Another instance, or this one after a restart, hearing the same conversation: the person is new to it.
      const another = new ConversationReferenceStore(store.records);
      expect(await another.remember(tenant, 'user-a', referenceTo('first'), 'sv-SE')).to.equal('first-here');
      expect(await references.remember(tenant, 'user-a', referenceTo('first'), 'pl-PL')).to.equal('known');
      expect(await references.remember(tenant, 'user-a', referenceTo('second'), 'pl-PL')).to.equal('new-conversation');
    });

    it('no longer finds a forgotten person, and finds them again when they talk again', async () => {
      const references = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-a', referenceTo('a'));
      await references.remember(tenant, 'user-b', referenceTo('b'));

      await references.forget(tenant, 'user-a');
      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-b']);
      expect(await references.get(tenant, 'user-a')).to.equal(undefined);

      await references.remember(tenant, 'user-a', referenceTo('a2'));
      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-a', 'user-b']);
    });

    it('finds a person whose reference is stored, whichever won: their new turn or the forgetting', async () => {
      const references = new ConversationReferenceStore(store.records);
      const other = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-a', referenceTo('a'));
      // Another instance records the person's new conversation while this one forgets the old.
      const forgetting = references.forget(tenant, 'user-a');
      await other.remember(tenant, 'user-a', referenceTo('a-new'));
      await forgetting;

      const stored = await references.get(tenant, 'user-a');
      expect(await references.forTenant(tenant)).to.deep.equal(stored ? [stored] : []);
    });

    it('tells its listeners of a person forgotten, not of one who talked again meanwhile', async () => {
      const references = new ConversationReferenceStore(store.records);
      const told: string[] = [];
      references.whenForgotten(async (tenantId, aadObjectId) => {
        told.push(`${tenantId}:${aadObjectId}`);
      });
      await references.remember(tenant, 'user-a', referenceTo('a'));
      await references.forget(tenant, 'user-a');
      expect(told).to.deep.equal([`${tenant}:user-a`]);

      await references.remember(tenant, 'user-b', referenceTo('b'));
      // user-b talks again between the forget's read and its removal: still reachable, nothing to forget.
      const read = store.records.read.bind(store.records);
      const talkedMeanwhile = async <T>(key: string) => {
        const seen = await read<T>(key);
        await new ConversationReferenceStore(store.records).remember(tenant, 'user-b', referenceTo('b2'));
        return seen;
      };
      const patched = Object.assign(Object.create(store.records) as typeof store.records, { read: talkedMeanwhile });
      const racing = new ConversationReferenceStore(patched);
      racing.whenForgotten(async (_, aadObjectId) => {
        told.push(aadObjectId);
      });
      await racing.forget(tenant, 'user-b');
      expect(told).to.deep.equal([`${tenant}:user-a`]);
      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-b']);
    });

    it('keeps what Teams said of a person (a guest) across a new conversation, written only when it changes', async () => {
      const references = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-a', referenceTo('a'));
      await references.noteStanding(tenant, 'user-a', 'guest');
      const version = (await store.records.read(`teams:ref:${tenant}:user-a`))?.version;
      await references.noteStanding(tenant, 'user-a', 'guest');
      expect((await store.records.read(`teams:ref:${tenant}:user-a`))?.version).to.equal(version);

      await references.remember(tenant, 'user-a', referenceTo('a-new-chat'));
      expect((await references.get(tenant, 'user-a'))?.standing).to.equal('guest');
      // Nothing is noted of someone not remembered (forgotten meanwhile).
      await references.noteStanding(tenant, 'user-nobody', 'member');
      expect(await references.get(tenant, 'user-nobody')).to.equal(undefined);
    });

    it('reads an index entry whose reference never landed (a crash between the two writes) as nobody', async () => {
      const references = new ConversationReferenceStore(store.records);
      await references.remember(tenant, 'user-a', referenceTo('a'));
      await store.records.indexAdd(`teams:people:${tenant}`, 'user-crashed', 0);

      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-a']);
    });

    it('indexes the references an older version stored without an index, at the start sweep', async () => {
      // What a version before the index wrote: the record alone.
      for (const person of ['user-a', 'user-b']) {
        const stored: StoredReference = {
          tenantId: tenant,
          aadObjectId: person,
          reference: referenceTo(person),
          updatedAt: new Date().toISOString(),
        };
        await store.records.compareAndSet(`teams:ref:${tenant}:${person}`, undefined, stored);
      }
      const references = new ConversationReferenceStore(store.records);
      expect(await references.forTenant(tenant)).to.deep.equal([]);

      const sweeps = new IndexSweeps('Teams references', () => references.indexExisting(), pino({ level: 'silent' }));
      sweeps.start();
      await sweeps.stop();
      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-a', 'user-b']);
    });

    it('indexes a reference an older instance wrote when the person next talks to this one, unchanged', async () => {
      const stored: StoredReference = {
        tenantId: tenant,
        aadObjectId: 'user-a',
        reference: referenceTo('a'),
        updatedAt: new Date().toISOString(),
      };
      await store.records.compareAndSet(`teams:ref:${tenant}:user-a`, undefined, stored);
      const references = new ConversationReferenceStore(store.records);

      await references.remember(tenant, 'user-a', referenceTo('a'));
      expect(ids(await references.forTenant(tenant))).to.deep.equal(['user-a']);
      expect((await store.records.read(`teams:ref:${tenant}:user-a`))?.version).to.equal(1);
    });
  });
}
