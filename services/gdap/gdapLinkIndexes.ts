import type { AtomicStore } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import { type GdapLink, LINKS, linkKey, linksOf } from './gdapLink';

/**
 * Where the GDAP relationships the assistant made are found without listing the store: all of them (the
 * reminders pass), a reseller's (Teams `gdap`) and a distributor's (`/csp gdap`). A link is written once,
 * when its relationship is created, and never deleted.
 */
export class GdapLinkIndexes {
  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {}

  /** Every link, in key order. */
  async all(): Promise<GdapLink[]> {
    return this.every().values();
  }

  /** A reseller's links, in key order. */
  async ofReseller(resellerTenantId: string): Promise<GdapLink[]> {
    return this.byReseller(resellerTenantId).values((link) => link.resellerTenantId === resellerTenantId);
  }

  /** The links a distributor created, in key order. */
  async ofProvider(providerId: string): Promise<GdapLink[]> {
    return this.byProvider(providerId).values((link) => link.providerId === providerId);
  }

  /** Before a link is recorded. */
  async willBeStored(link: Pick<GdapLink, 'resellerTenantId' | 'relationshipId' | 'providerId'>): Promise<void> {
    const member = `${link.resellerTenantId}:${link.relationshipId}`;
    await Promise.all([
      this.every().add(member),
      this.byReseller(link.resellerTenantId).add(link.relationshipId),
      this.byProvider(link.providerId).add(member),
    ]);
  }

  /** Indexes every stored link (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const stored = await this.records.list<GdapLink>(LINKS);
    for (const { value } of stored) await this.willBeStored(value);
    return stored.length;
  }

  private every() {
    return this.index('gdap:links', (member) => `${LINKS}${member}`, LINKS);
  }

  private byReseller(resellerTenantId: string) {
    const index = `gdap:links-of-reseller:${resellerTenantId}`;
    return this.index(index, (id) => linkKey(resellerTenantId, id), linksOf(resellerTenantId));
  }

  private byProvider(providerId: string) {
    return this.index(`gdap:links-of-provider:${providerId}`, (member) => `${LINKS}${member}`);
  }

  /** `range`: the key prefix holding exactly the index's records, where it has one (see RecordIndex). */
  private index(name: string, keyOf: (member: string) => string, range?: string) {
    return new RecordIndex<GdapLink>(this.records, name, keyOf, this.now, range);
  }
}
