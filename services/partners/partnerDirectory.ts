import type { PartnerDraft } from '../domain/partner';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';

/**
 * Every partner the assistant knows, resellers (keyed by their Teams / Azure AD tenant) and providers,
 * as the domain model's `PartnerDraft`. Changes go through `update`, an atomic read-modify-write, so two
 * colleagues (or two instances) editing one organisation never overwrite each other.
 */
export class PartnerDirectory {
  constructor(private readonly records: AtomicStore) {}

  async get(partnerId: string): Promise<PartnerDraft | undefined> {
    return (await this.records.read<PartnerDraft>(keyOf(partnerId)))?.value;
  }

  /** Applies `change` to the current record (or to `undefined` when there is none) and stores the result. */
  async update(
    partnerId: string,
    change: (current: PartnerDraft | undefined) => PartnerDraft | undefined,
  ): Promise<PartnerDraft | undefined> {
    return (await updateRecord<PartnerDraft>(this.records, keyOf(partnerId), change)).value;
  }

  async all(): Promise<PartnerDraft[]> {
    return (await this.records.list<PartnerDraft>(PREFIX)).map((r) => r.value);
  }
}

const PREFIX = 'partner:';
const keyOf = (partnerId: string) => `${PREFIX}${partnerId}`;
