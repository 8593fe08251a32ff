import type { PartnerDraft } from '../domain/partner';
import { type AtomicStore, type SeenRecord, updateRecord, type Versioned } from '../storage/atomicStore';

/**
 * Every partner the assistant knows, resellers (keyed by their Teams / Azure AD tenant) and providers,
 * as the domain model's `PartnerDraft`. Changes go through `update`, an atomic read-modify-write, so two
 * colleagues (or two instances) editing one organisation never overwrite each other.
 */
export class PartnerDirectory {
  constructor(private readonly records: AtomicStore) {}

  async get(partnerId: string): Promise<PartnerDraft | undefined> {
    return (await this.read(partnerId))?.value;
  }

  /** The record with its version, for a caller that may update it in the same unit of work (`seen`). */
  async read(partnerId: string): Promise<Versioned<PartnerDraft> | undefined> {
    return await this.records.read<PartnerDraft>(keyOf(partnerId));
  }

  /**
   * Applies `change` to the current record (or to `undefined` when there is none) and stores the result.
   * `seen`: the record as the caller just read it, tried first instead of a second read (see updateRecord).
   */
  async update(
    partnerId: string,
    change: (current: PartnerDraft | undefined) => PartnerDraft | undefined,
    seen?: SeenRecord<PartnerDraft>,
  ): Promise<PartnerDraft | undefined> {
    return (await updateRecord<PartnerDraft>(this.records, keyOf(partnerId), change, { seen })).value;
  }

  async all(): Promise<PartnerDraft[]> {
    return (await this.records.list<PartnerDraft>(PREFIX)).map((r) => r.value);
  }
}

const PREFIX = 'partner:';
const keyOf = (partnerId: string) => `${PREFIX}${partnerId}`;
