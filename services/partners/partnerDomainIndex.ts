import type { AtomicStore } from '../storage/atomicStore';

const byDomain = (domain: string) => `partners:by-domain:${domain.toLowerCase()}`;
/** More partners than could claim one domain: a read of the index is bounded. */
const MAX_OWNERS = 100;

/**
 * Which partners claim a domain, so the customer rules (C8–C10) find a customer's owner with a read per
 * label of its domain instead of listing every partner: the eligibility check listed them all at each
 * submission and approval. An ordered index per domain of partner ids. Entries follow a partner's
 * domains after each change of its record; a crash between the two leaves an entry the reader checks
 * against the record (a dropped domain reads as no owner) or, before the entry, a domain the index lacks
 * until the start sweep (PartnerDirectory.indexExisting) adds it.
 */
export class PartnerDomainIndex {
  constructor(private readonly records: AtomicStore) {}

  /**
   * Brings the index in step with a partner's domains as they changed from `before` to `after`: only the
   * domains added or dropped are written (a Save of the same contact writes nothing, issue 18). An entry a
   * crash left unwritten is added by the start sweep, which every restart after a crash runs.
   */
  async follow(partnerId: string, before: readonly string[], after: readonly string[]) {
    const was = new Set(before.map((d) => d.toLowerCase()));
    const kept = new Set(after.map((d) => d.toLowerCase()));
    const added = [...kept].filter((d) => !was.has(d));
    const dropped = [...was].filter((d) => !kept.has(d));
    await Promise.all([
      ...added.map((domain) => this.records.indexAdd(byDomain(domain), partnerId, 0)),
      ...dropped.map((domain) => this.records.indexRemove(byDomain(domain), partnerId)),
    ]);
  }

  /** Partner ids claiming `domain` or a domain above it (`a.b.example.pl`: itself, `b.example.pl`, `example.pl`). */
  async candidates(domain: string): Promise<string[]> {
    const labels = domain.toLowerCase().split('.').filter(Boolean);
    const suffixes = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    const found = await Promise.all(
      suffixes.map((suffix) => this.records.indexRange(byDomain(suffix), { limit: MAX_OWNERS })),
    );
    return [...new Set(found.flat().map((entry) => entry.member))];
  }
}
