import { expect } from 'chai';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { updateRecord } from '../../../services/storage/atomicStore';
import { UnitOfWork } from '../../../services/storage/unitOfWork';

/**
 * A turn's saves kept until its end and written together (issue 18: one write a checklist turn). What is
 * staged is in the store only once the commit lands, all of it or none; what follows a record (its
 * indexes) is written only then.
 */
describe('a unit of work: a turn’s records written together at its end (issue 18)', () => {
  it('writes nothing before its commit, then everything staged at once', async () => {
    const records = new MemoryAtomicStore();
    await records.compareAndSet('partner:t1', undefined, { legalName: 'Tailspin' });
    const unit = new UnitOfWork();
    const saved = await updateRecord<{ legalName: string; city?: string }>(
      records,
      'partner:t1',
      (draft) => (draft ? { ...draft, city: 'Warszawa' } : undefined),
      { unit },
    );
    expect(saved).to.deep.include({ value: { legalName: 'Tailspin', city: 'Warszawa' }, changed: true });
    unit.stage({ key: 'bot:conversation', expectedVersion: undefined, value: { step: 'progress' } });
    expect(await records.read('partner:t1')).to.deep.equal({ value: { legalName: 'Tailspin' }, version: 1 });
    expect(await unit.commit(records)).to.equal(true);
    expect(await records.readMany(['partner:t1', 'bot:conversation'])).to.deep.equal([
      { value: { legalName: 'Tailspin', city: 'Warszawa' }, version: 2 },
      { value: { step: 'progress' }, version: 1 },
    ]);
  });

  it('keeps the version a record was first read at when it is staged again, with its latest value', async () => {
    const unit = new UnitOfWork();
    unit.stage({ key: 'partner:t1', expectedVersion: 3, value: 'first' });
    unit.stage({ key: 'partner:t1', expectedVersion: 4, value: 'second' });
    expect(unit.staged().get('partner:t1')).to.deep.equal({ key: 'partner:t1', expectedVersion: 3, value: 'second' });
  });

  it('lands nothing, and runs nothing that follows, when a record moved on since the turn read it', async () => {
    const records = new MemoryAtomicStore();
    await records.compareAndSet('partner:t1', undefined, 'read by the turn');
    const unit = new UnitOfWork();
    const followed: string[] = [];
    unit.stage({ key: 'partner:t1', expectedVersion: 1, value: 'mine' });
    unit.stage({ key: 'bot:conversation', expectedVersion: undefined, value: 'state' });
    unit.afterCommit(async () => followed.push('index'));
    await records.compareAndSet('partner:t1', 1, "a colleague's");
    expect(await unit.commit(records)).to.equal(false);
    expect(followed).to.deep.equal([]);
    expect(await records.readMany(['partner:t1', 'bot:conversation'])).to.deep.equal([
      { value: "a colleague's", version: 2 },
      undefined,
    ]);
  });
});
