/**
 * SQLite's SQLITE_BUSY answered at once, for the SQLite records (sqliteAtomicStore.ts and its group
 * commit): the busy timeout covers a lock held by another connection, but not WAL's snapshot conflict:
 * while one of a connection's statements reads, another that writes after a second process committed
 * is refused without a wait. Every statement (and every group commit) is its own transaction, so a
 * refused one changed nothing and running it again is safe (the compare-and-set compares again).
 */

export type Rows = Array<Record<string, unknown>>;

/** How many times a statement refused with SQLITE_BUSY is tried (about 2 s in all). */
const BUSY_RETRIES = 50;

export async function retryWhileBusy<T>(run: () => Promise<T>, closing: () => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || attempt >= BUSY_RETRIES || closing()) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) + Math.random() * 5));
    }
  }
}
