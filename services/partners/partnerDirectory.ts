import type { PartnerDraft } from '../domain/partner';
import { isSameOrSubdomain } from '../domain/identifiers';
import { isKnownToPartnerCenter } from '../rules/enrolmentSteps';
import { type AtomicStore, type SeenRecord, updateRecord, type Versioned } from '../storage/atomicStore';
import { PartnerDomainIndex } from './partnerDomainIndex';

/**
 * Every partner the assistant knows, resellers (keyed by their Teams / Azure AD tenant) and providers,
 * as the domain model's `PartnerDraft`. Changes go through `update`, an atomic read-modify-write, so two
 * colleagues (or two instances) editing one organisation never overwrite each other.
 */
export class PartnerDirectory {
  private readonly domainIndex: PartnerDomainIndex;

  constructor(private readonly records: AtomicStore) {
    this.domainIndex = new PartnerDomainIndex(records);
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
   */
  async update(
    partnerId: string,
    change: (current: PartnerDraft | undefined) => PartnerDraft | undefined,
    seen?: SeenRecord<PartnerDraft>,
  ): Promise<PartnerDraft | undefined> {
    let before: PartnerDraft | undefined;
    const updated = await updateRecord<PartnerDraft>(
      this.records,
      keyOf(partnerId),
      (current) => {
        before = current;
        return change(current);
      },
      { seen },
    );
    if (updated.changed) await this.domainIndex.follow(partnerId, before?.domains ?? [], updated.value?.domains ?? []);
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

  /** Indexes the domains of every stored partner (records older than the index); returns how many it read. */
  async indexExisting(): Promise<number> {
    const all = await this.all();
    for (const partner of all) await this.domainIndex.follow(partner.id, [], partner.domains);
    return all.length;
  }

  async all(): Promise<PartnerDraft[]> {
    return (await this.records.list<PartnerDraft>(PREFIX)).map((r) => r.value);
  }
}

const PREFIX = 'partner:';
const keyOf = (partnerId: string) => `${PREFIX}${partnerId}`;

/** A provider, or a reseller Partner Center knows (isKnownToPartnerCenter: E5, E7). */
function isInTheProgram(partner: PartnerDraft): boolean {
  return (
    partner.kind !== 'indirect-reseller' || (partner.status !== undefined && isKnownToPartnerCenter(partner.status))
  );
}
