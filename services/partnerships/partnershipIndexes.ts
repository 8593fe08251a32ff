import { type Partnership, partnershipId } from '../domain/partnership';
import type { AtomicStore } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import { KEYS } from './partnershipRecords';

const ALL = 'partnerships:all';
const resellersOf = (providerId: string) => `partnerships:resellers-of:${providerId}`;

/**
 * Where partnerships are found without listing the store: every partnership (the countdown and
 * confirmation passes), a provider's (its App Home, `/csp resellers`) and a reseller's providers (Teams
 * `customers`, `ready`, `distributors`). A partnership record is never deleted (removal is a state), so
 * every index holds every partnership of its scope whatever its state, and callers filter by state.
 */
export class PartnershipIndexes {
  readonly all: RecordIndex<Partnership>;

  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {
    this.all = new RecordIndex<Partnership>(records, ALL, KEYS.partnershipNamed, now, KEYS.partnerships);
  }

  /** A provider's partnerships, by reseller. */
  of(providerId: string): RecordIndex<Partnership> {
    return new RecordIndex<Partnership>(
      this.records,
      resellersOf(providerId),
      (resellerId) => KEYS.partnership(providerId, resellerId),
      this.now,
      KEYS.partnershipsOf(providerId),
    );
  }

  /**
   * Before a partnership record is written: indexed first, so no listing ever lacks it (an entry without
   * its record, after a crash, reads as nothing). The reseller's index of providers keeps its score 0
   * (partnerships.ts `listProviders` reads it without a grace).
   */
  async willBeStored(providerId: string, resellerId: string): Promise<void> {
    await Promise.all([
      this.all.add(partnershipId(providerId, resellerId)),
      this.of(providerId).add(resellerId),
      this.records.indexAdd(KEYS.providersOf(resellerId), providerId, 0),
    ]);
  }

  /** Indexes every stored partnership (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const all = await this.records.list<Partnership>(KEYS.partnerships);
    for (const { value } of all) await this.willBeStored(value.providerId, value.resellerId);
    return all.length;
  }
}
