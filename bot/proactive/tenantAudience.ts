import { TeamsInfo, type TurnContext } from 'botbuilder';
import { standingOf, type Standing } from '../../services/rules/memberDomain';
import type { ConversationReferenceStore, StoredReference } from '../teams/conversationReferences';

/**
 * Who a notice to a whole reseller organisation reaches: the people of its tenant the assistant remembers,
 * less its guests (accounts of other organisations invited into the tenant; standingOf). A distributor's
 * invitation (P2), a removal (P7) or a GDAP request (G2) is the organisation's business, not theirs.
 */
export class TenantAudience {
  constructor(private readonly references: ConversationReferenceStore) {}

  /** The tenant's remembered people, less those Teams has already said are guests. */
  async of(tenantId: string): Promise<StoredReference[]> {
    return (await this.references.forTenant(tenantId)).filter((person) => person.standing !== 'guest');
  }

  /**
   * Whether `person` is a guest, asked of Teams in the delivery's own turn when no answer is kept (a
   * reference from before standings were kept, or Teams did not answer at their first turn), and kept for
   * the next notice. A lookup that fails for a while (429, 5xx, the network) or because the bot was removed
   * (403) throws, and the delivery is retried or ended as any send would be.
   *
   * When Teams cannot say who they are (404, 400: an emulator, another channel, someone no longer in the
   * chat) they count as a member: Teams answers a lookup for anyone in the chat, a guest included (with
   * `userRole: 'guest'`), so a guest is never let through this way, while the organisation's own people
   * keep their notices.
   */
  async isGuest(context: TurnContext, person: StoredReference, cannotSay: (error: unknown) => boolean) {
    if (person.standing) return person.standing === 'guest';
    const standing = await this.lookUp(context, person).catch((error: unknown) => {
      if (cannotSay(error)) return undefined;
      throw error;
    });
    if (standing) await this.references.noteStanding(person.tenantId, person.aadObjectId, standing);
    return standing === 'guest';
  }

  private async lookUp(context: TurnContext, person: StoredReference): Promise<Standing | undefined> {
    const userId = person.reference.user?.id;
    if (!userId) return undefined;
    const member = await TeamsInfo.getMember(context, userId);
    return standingOf(
      { userPrincipalName: member.userPrincipalName, userRole: member.userRole, tenantId: member.tenantId },
      person.tenantId,
    );
  }
}
