import { domainAndParents, emailDomain, normaliseMpnId } from '../domain/identifiers';
import type { AtomicStore } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import { KEYS } from './partnershipRecords';
import type { Invitation } from './types';

const ofProvider = (providerId: string) => `partnerships:open-invitations-of:${providerId}`;
const atDomain = (domain: string) => `partnerships:open-invitations-at:${domain}`;
const toAddress = (email: string) => `partnerships:open-invitations-to:${email.toLowerCase()}`;
const withMpnId = (mpnId: string) => `partnerships:open-invitations-mpn:${normaliseMpnId(mpnId)}`;

const isOpen = (invitation: Invitation) => invitation.state === 'sent';

type Addressed = Pick<Invitation, 'id' | 'providerId' | 'email' | 'mpnId'>;

/**
 * Where the invitations not yet answered (sent, valid or expired) are found without listing the store:
 * a provider's (`/csp invitations`), those to an address, at a domain or below it, or naming an MPN ID
 * (a person's first turn in Teams, P2, P3: what waits for them costs the invitations for them, not every
 * open one). An invitation is open from its creation until it is accepted, declined or revoked, never
 * again after; an expired one stays open (it may be sent again), so the indexes hold it until then.
 */
export class OpenInvitations {
  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {}

  private index(name: string): RecordIndex<Invitation> {
    return new RecordIndex<Invitation>(this.records, name, KEYS.invitation, this.now);
  }

  /** Before a new invitation is recorded. */
  async willBeOpen(invitation: Addressed): Promise<void> {
    await Promise.all(indexesOf(invitation).map((name) => this.index(name).add(invitation.id)));
  }

  /** After an invitation was accepted, declined or revoked. */
  async noLongerOpen(invitation: Addressed): Promise<void> {
    await Promise.all(indexesOf(invitation).map((name) => this.index(name).remove(invitation.id)));
  }

  /** A provider's open invitations, in key order. */
  async ofProvider(providerId: string): Promise<Invitation[]> {
    return this.index(ofProvider(providerId)).values((i) => isOpen(i) && i.providerId === providerId);
  }

  /** Open invitations to an address at `domain` or one of its subdomains, in key order. */
  async addressedAt(domain: string): Promise<Invitation[]> {
    return this.index(atDomain(domain.toLowerCase())).values(isOpen);
  }

  /** Open invitations to this address, in key order. */
  async addressedTo(email: string): Promise<Invitation[]> {
    return this.index(toAddress(email)).values(isOpen);
  }

  /** Open invitations naming this MPN ID, in key order. */
  async naming(mpnId: string): Promise<Invitation[]> {
    return this.index(withMpnId(mpnId)).values(isOpen);
  }

  /** Indexes every stored open invitation (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const stored = await this.records.list<Invitation>(KEYS.invitations);
    for (const { value } of stored) if (isOpen(value)) await this.willBeOpen(value);
    return stored.length;
  }
}

/**
 * The indexes an open invitation is in: its provider's, its address's, its MPN ID's, and the one of its address's domain
 * and of each domain above it but the top level (sales.fabrikam.pl: itself and fabrikam.pl), so a person
 * whose own domain is fabrikam.pl finds it with one read (Invitations.personMet). An invitation's address
 * and MPN ID never change, so its entries are the same from sending to answer.
 */
function indexesOf(invitation: Addressed): string[] {
  const domains = domainAndParents(emailDomain(invitation.email) ?? '');
  return [
    ofProvider(invitation.providerId),
    ...domains.map(atDomain),
    toAddress(invitation.email),
    ...(invitation.mpnId ? [withMpnId(invitation.mpnId)] : []),
  ];
}
