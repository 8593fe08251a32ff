import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import { customerApprovalLink, type GdapRelationship } from './gdapGateway';
import { GdapLinkIndexes } from './gdapLinkIndexes';
import { approvalDaysLeft, daysToEnd, dueReminder } from './gdapStages';
import type { GdapLink } from './gdapLink';
import type { ResellerGdap } from './resellerGdap';

export interface GdapNotice {
  renderer: string;
  params: Record<string, unknown>;
}

export interface GdapReminderTargets {
  /** Everyone of the reseller organisation who talks to the assistant in Teams. */
  teamsTenant(tenantId: string, notice: GdapNotice, dedupeKey: string): Promise<void>;
  /** The distributor's channel in Slack (by the assistant's provider id), when it has one. */
  distributor(providerId: string, notice: GdapNotice, dedupeKey: string): Promise<void>;
}

const toldKey = (id: string) => `gdap:told:${id}`;

/**
 * The proactive side of GDAP (G1, G4), one pass at a time: for every relationship the assistant made for a
 * reseller, the reminder now due (awaiting the customer with days left of its 90; ending in 30, 7, 1 days;
 * expired, with how to renew), to the reseller in Teams and to its distributor in Slack; and once, all of a
 * suspended reseller's relationships gone (G4). Each said once: the outbox's dedupe key, then a told mark
 * kept beside the link (the outbox forgets its keys after 30 days; a request waits up to 90).
 */
export class GdapReminders {
  constructor(
    private readonly deps: {
      records: AtomicStore;
      resellerGdap: Pick<ResellerGdap, 'relationship'>;
      targets: GdapReminderTargets;
      /** G4: whether Partner Center says this reseller is suspended (R2's cause, through the distributor). */
      isSuspended: (resellerTenantId: string, providerTenantId: string) => Promise<boolean>;
      now: () => Date;
    },
  ) {}

  async pass(): Promise<void> {
    const links = await new GdapLinkIndexes(this.deps.records, this.deps.now).all();
    const lost = new Map<string, Array<{ link: GdapLink; relationship: GdapRelationship }>>();
    for (const link of links) {
      const relationship = await this.deps.resellerGdap.relationship(link).catch(() => undefined);
      if (!relationship) continue;
      const told = new Set((await this.deps.records.read<string[]>(toldKey(link.relationshipId)))?.value ?? []);
      if (relationship.status === 'terminated' && !told.has('ended')) {
        const group = lost.get(link.resellerTenantId) ?? [];
        group.push({ link, relationship });
        lost.set(link.resellerTenantId, group);
        continue;
      }
      const key = dueReminder(relationship, this.deps.now(), told);
      if (!key) continue;
      const notice = { renderer: 'gdap.reminder', params: this.params(key, link, relationship) };
      const dedupe = `gdap:${link.relationshipId}:${key}`;
      await this.deps.targets.teamsTenant(link.resellerTenantId, notice, dedupe);
      await this.deps.targets.distributor(link.providerId, { ...notice, renderer: 'gdap.distributorReminder' }, dedupe);
      await this.markTold(link.relationshipId, key);
    }
    for (const [reseller, group] of lost) await this.tellLost(reseller, group);
  }

  /** G4: one notice for all of a suspended reseller's relationships gone; others ended are only marked. */
  private async tellLost(reseller: string, group: Array<{ link: GdapLink; relationship: GdapRelationship }>) {
    const providerTenantId = group[0].link.providerTenantId;
    if (await this.deps.isSuspended(reseller, providerTenantId).catch(() => false)) {
      const ids = group.map((g) => g.link.relationshipId).sort();
      const notice = {
        renderer: 'gdap.suspended',
        params: { customers: group.map((g) => g.link.customerName).join(', '), count: group.length },
      };
      const dedupe = `gdap:g4:${reseller}:${ids.join(',')}`;
      await this.deps.targets.teamsTenant(reseller, notice, dedupe);
      await this.deps.targets.distributor(
        group[0].link.providerId,
        { ...notice, renderer: 'gdap.distributorSuspended' },
        dedupe,
      );
    }
    for (const g of group) await this.markTold(g.link.relationshipId, 'ended');
  }

  private params(key: string, link: GdapLink, r: GdapRelationship): Record<string, unknown> {
    const now = this.deps.now();
    return {
      key,
      customer: link.customerName,
      provider: link.providerName,
      daysLeft: key === 'awaiting-customer' ? (approvalDaysLeft(r, now) ?? 0) : (daysToEnd(r, now) ?? 0),
      endDate: r.endDateTime ?? '',
      link: customerApprovalLink(r.id),
    };
  }

  private async markTold(relationshipId: string, key: string) {
    await updateRecord<string[]>(this.deps.records, toldKey(relationshipId), (told) =>
      told?.includes(key) ? undefined : [...(told ?? []), key],
    );
  }
}
