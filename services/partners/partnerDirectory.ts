import type { PartnerDraft } from '../domain/partner';
import { isSameOrSubdomain } from '../domain/identifiers';
import { isKnownToPartnerCenter } from '../rules/enrolmentSteps';
import { type AtomicStore, type SeenRecord, updateRecord, type Versioned } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import type { UnitOfWork } from '../storage/unitOfWork';
import { PartnerDomainIndex } from './partnerDomainIndex';
import { PartnerIdentityIndex } from './partnerIdentityIndex';

/**
 * Every partner the assistant knows, resellers (keyed by their Teams / Azure AD tenant) and providers,
 * as the domain model's `PartnerDraft`. Changes go through `update`, an atomic read-modify-write, so two
 * colleagues (or two instances) editing one organisation never overwrite each other.
 */
export class PartnerDirectory {
  private readonly domainIndex: PartnerDomainIndex;
  private readonly identityIndex: PartnerIdentityIndex;
  /** Every partner, so `all` (the verification poll, each invitation) reads the partners, not the keyspace. */
  private readonly everyPartner: RecordIndex<PartnerDraft>;

  constructor(
    private readonly records: AtomicStore,
    now: () => Date = () => new Date(),
  ) {
    this.domainIndex = new PartnerDomainIndex(records);
    this.identityIndex = new PartnerIdentityIndex(records);
    this.everyPartner = new RecordIndex<PartnerDraft>(records, 'partners:all', keyOf, now, PREFIX);
  }

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
   * `unit`: the record is staged in the caller's unit of work and lands with its commit; the indexes that
   * follow it are written after that commit.
   */
  async update(
    partnerId: string,
    change: (current: PartnerDraft | undefined) => PartnerDraft | undefined,
    seen?: SeenRecord<PartnerDraft>,
    unit?: UnitOfWork,
  ): Promise<PartnerDraft | undefined> {
    // A partner is never deleted: only one not stored yet (as far as this unit of work saw) needs its entry,
    // added before the record; the read it takes is the one updateRecord would otherwise take itself.
    const known = seen ?? asSeen(await this.read(partnerId));
    if (known.version === undefined) await this.everyPartner.add(partnerId);
    let before: PartnerDraft | undefined;
    const updated = await updateRecord<PartnerDraft>(
      this.records,
      keyOf(partnerId),
      (current) => {
        before = current;
        return change(current);
      },
      { seen: known, unit },
    );
    if (updated.changed) {
      const follow = () =>
        Promise.all([
          this.domainIndex.follow(partnerId, before?.domains ?? [], updated.value?.domains ?? []),
          this.identityIndex.follow(partnerId, before, updated.value),
        ]);
      if (unit) unit.afterCommit(follow);
      else await follow();
    }
    return updated.value;
  }

  /**
   * The partner of the program that owns `domain` or a domain above it (C9, C10: a customer that is a
   * partner's own tenant), from the domain index; undefined when none does. Only an organisation Partner
   * Center knows counts (its enrolment sent, or its PartnerID confirmed as already in CSP, E7): a domain
   * typed by anyone in a checklist left half-done must not turn other resellers' customers away.
   */
  async ownerOfDomain(domain: string): Promise<PartnerDraft | undefined> {
    for (const id of await this.domainIndex.candidates(domain)) {
      const partner = await this.get(id);
      if (partner && isInTheProgram(partner) && partner.domains.some((own) => isSameOrSubdomain(domain, own)))
        return partner;
    }
    return undefined;
  }

  /** Indexes every stored partner and its domains (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const all = await this.records.list<PartnerDraft>(PREFIX);
    for (const { key, value: partner } of all) {
      const id = key.slice(PREFIX.length);
      await this.everyPartner.add(id);
      await this.domainIndex.follow(partner.id, [], partner.domains);
      await this.identityIndex.follow(id, undefined, partner);
    }
    return all.length;
  }

  /**
   * The partners that may carry this MPN ID or this primary contact address, from their index: a superset
   * (the caller matches each record), in id order as `all` gives them, in one read of the records.
   */
  async withMpnIdOrContact(wanted: { mpnId?: string; email?: string }): Promise<PartnerDraft[]> {
    const ids = (await this.identityIndex.candidates(wanted)).sort();
    if (ids.length === 0) return [];
    const found = await this.records.readMany<PartnerDraft>(ids.map(keyOf));
    return found.flatMap((record) => (record ? [record.value] : []));
  }

  /** Every partner, in id order. */
  async all(): Promise<PartnerDraft[]> {
    return this.everyPartner.values();
  }
}

const PREFIX = 'partner:';
/** The record a partner is kept under (a reseller's: its Teams tenant), for the edge to read it ahead of a turn. */
export const partnerRecordKey = (partnerId: string) => `${PREFIX}${partnerId}`;
const keyOf = partnerRecordKey;
const asSeen = (record: Versioned<PartnerDraft> | undefined): SeenRecord<PartnerDraft> => ({
  value: record?.value,
  version: record?.version,
});

/** A provider, or a reseller Partner Center knows (isKnownToPartnerCenter: E5, E7). */
function isInTheProgram(partner: PartnerDraft): boolean {
  return (
    partner.kind !== 'indirect-reseller' || (partner.status !== undefined && isKnownToPartnerCenter(partner.status))
  );
}
