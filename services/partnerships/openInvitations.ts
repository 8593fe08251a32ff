import type { AtomicStore } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import { KEYS } from './partnershipRecords';
import type { Invitation } from './types';

const ALL = 'partnerships:open-invitations';
const ofProvider = (providerId: string) => `partnerships:open-invitations-of:${providerId}`;

const isOpen = (invitation: Invitation) => invitation.state === 'sent';

/**
 * Where the invitations not yet answered (sent, valid or expired) are found without listing the store:
 * all of them (Teams, a reseller's waiting invitations) and a provider's (`/csp invitations`). An
 * invitation is open from its creation until it is accepted, declined or revoked, never again after.
 */
export class OpenInvitations {
  private readonly all: RecordIndex<Invitation>;

  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {
    this.all = new RecordIndex<Invitation>(records, ALL, KEYS.invitation, now);
  }

  private of(providerId: string): RecordIndex<Invitation> {
    return new RecordIndex<Invitation>(this.records, ofProvider(providerId), KEYS.invitation, this.now);
  }

  /** Before a new invitation is recorded. */
  async willBeOpen(invitation: Pick<Invitation, 'id' | 'providerId'>): Promise<void> {
    await Promise.all([this.all.add(invitation.id), this.of(invitation.providerId).add(invitation.id)]);
  }

  /** After an invitation was accepted, declined or revoked. */
  async noLongerOpen(invitation: Pick<Invitation, 'id' | 'providerId'>): Promise<void> {
    await Promise.all([this.all.remove(invitation.id), this.of(invitation.providerId).remove(invitation.id)]);
  }

  /** Every open invitation, in key order. */
  async every(): Promise<Invitation[]> {
    return this.all.values(isOpen);
  }

  /** A provider's open invitations, in key order. */
  async ofProvider(providerId: string): Promise<Invitation[]> {
    return this.of(providerId).values((i) => isOpen(i) && i.providerId === providerId);
  }

  /** Indexes every stored open invitation (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const stored = await this.records.list<Invitation>(KEYS.invitations);
    for (const { value } of stored) if (isOpen(value)) await this.willBeOpen(value);
    return stored.length;
  }
}
