import { normaliseMpnId } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import type { AtomicStore } from '../storage/atomicStore';

const byMpnId = (mpnId: string) => `partners:by-mpn:${normaliseMpnId(mpnId)}`;
const byContact = (email: string) => `partners:by-contact:${email.toLowerCase()}`;
/** More partners than could share one MPN ID or contact address: a read of the index is bounded. */
const MAX_PARTNERS = 100;

type Identified = Pick<PartnerDraft, 'mpnId' | 'primaryContact'> | undefined;

/**
 * Which partners carry an MPN ID or a primary contact address, so an invitation finds the reseller it
 * names (P2, P3: who may decline it, whose Teams it reaches, P6 before sending) with a read per key
 * instead of listing every partner for each invitation. Entries follow a partner's record after each
 * change (as PartnerDomainIndex does): a reader checks them against the record, and one a crash left
 * unwritten is added by the start sweep (PartnerDirectory.indexExisting).
 */
export class PartnerIdentityIndex {
  constructor(private readonly records: AtomicStore) {}

  /** Writes only the keys that changed from `before` to `after` (a Save of the same contact writes nothing). */
  async follow(partnerId: string, before: Identified, after: Identified) {
    const was = new Set(keysOf(before));
    const kept = new Set(keysOf(after));
    await Promise.all([
      ...[...kept].filter((key) => !was.has(key)).map((key) => this.records.indexAdd(key, partnerId, 0)),
      ...[...was].filter((key) => !kept.has(key)).map((key) => this.records.indexRemove(key, partnerId)),
    ]);
  }

  /** Ids of the partners indexed with this MPN ID or this primary contact address (either may be left out). */
  async candidates(wanted: { mpnId?: string; email?: string }): Promise<string[]> {
    const keys = [...(wanted.mpnId ? [byMpnId(wanted.mpnId)] : []), ...(wanted.email ? [byContact(wanted.email)] : [])];
    const found = await Promise.all(keys.map((key) => this.records.indexRange(key, { limit: MAX_PARTNERS })));
    return [...new Set(found.flat().map((entry) => entry.member))];
  }
}

function keysOf(partner: Identified): string[] {
  return [
    ...(partner?.mpnId ? [byMpnId(partner.mpnId)] : []),
    ...(partner?.primaryContact?.email ? [byContact(partner.primaryContact.email)] : []),
  ];
}
