import type { IndexEntry, IndexRange } from './atomicStore';

/**
 * An in-process sorted set (what a Redis ZSET is): entries in (score, member) order, found by binary
 * search, so a range read costs log n plus what it returns.
 */
export class SortedIndex {
  private readonly entries: IndexEntry[] = [];
  private readonly scores = new Map<string, number>();

  add(member: string, score: number) {
    assertScore(score);
    this.remove(member);
    this.entries.splice(this.firstAtOrAfter(score, member), 0, { member, score });
    this.scores.set(member, score);
  }

  remove(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.entries.splice(this.firstAtOrAfter(score, member), 1);
    this.scores.delete(member);
    return true;
  }

  range({ min = -Infinity, max = Infinity, limit }: IndexRange): IndexEntry[] {
    const out: IndexEntry[] = [];
    for (let i = this.firstAtOrAfter(min, ''); i < this.entries.length && out.length < limit; i++) {
      const entry = this.entries[i];
      if (entry.score > max) break;
      out.push({ ...entry });
    }
    return out;
  }

  /** Position of the first entry not before (score, member). */
  private firstAtOrAfter(score: number, member: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.entries[mid];
      if (entry.score < score || (entry.score === score && entry.member < member)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export function assertScore(score: number) {
  if (!Number.isFinite(score)) throw new RangeError(`An index score must be a finite number, not ${score}.`);
}
