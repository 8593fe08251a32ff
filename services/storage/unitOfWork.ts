import type { AtomicStore, RecordWrite, StagedWrites } from './atomicStore';

/**
 * The records a turn changes, kept until its end and then written together, all or none, with one
 * `commitAll` (issue 18: a card press's turn wrote its claim, the organisation's draft and the
 * conversation's state one after another, each a compare-and-set of its own). Each write lands only at
 * the version its turn read, so a turn that raced another one lands nothing and can be run again.
 *
 * What a turn staged is not in the store until the commit: a turn that stages a record reads it from
 * what it staged (the services hand the saved value back), never from the store again.
 */
export class UnitOfWork implements StagedWrites {
  private readonly writes = new Map<string, RecordWrite>();
  private readonly afterwards: Array<() => Promise<unknown>> = [];

  /**
   * Writes `write` with the others at the commit. A record staged twice keeps the version it was first
   * read at, and its latest value.
   */
  stage(write: RecordWrite): void {
    const first = this.writes.get(write.key);
    this.writes.set(write.key, first ? { ...write, expectedVersion: first.expectedVersion } : write);
  }

  /**
   * Runs `work` once the commit has landed (an index that follows a record is written after it, as
   * without a unit). Not run when the commit does not land.
   */
  afterCommit(work: () => Promise<unknown>): void {
    this.afterwards.push(work);
  }

  /** What is staged, by key (for tests and logs). */
  staged(): ReadonlyMap<string, RecordWrite> {
    return this.writes;
  }

  /** Writes everything staged in one step; true when it landed, false when a record had moved on. */
  async commit(records: AtomicStore): Promise<boolean> {
    if (this.writes.size > 0 && !(await records.commitAll([...this.writes.values()]))) return false;
    for (const work of this.afterwards) await work();
    return true;
  }
}
