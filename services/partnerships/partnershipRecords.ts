import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import { partnershipId } from '../domain/partnership';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import type { Decision, RuleId } from '../rules/decision';
import type { WebmailList } from '../rules/webmail';
import type { RegionTable } from '../rules/regionTable';
import type { AtomicStore } from '../storage/atomicStore';
import { RecordIndex } from '../storage/recordIndex';
import type { InvitationSigner } from './invitationCodes';
import type { AuditEntry, Refusal, UserGroupDirectory } from './types';

/**
 * What the partnership rooms (providers, invitations, the reseller's answer, partnerships) share: the
 * store's layout, the deps they are built from, the shape of their answers and the audit log every one
 * of them writes to. One place, so a key or an audit entry cannot drift between rooms.
 */

export interface PartnershipServiceDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  regions: RegionTable;
  partnerCenter: PartnerCenterGateway;
  signer: InvitationSigner;
  invitationTtlDays: number;
  /** Members of an approver user group (Slack); without it only named approvers act. */
  userGroups?: UserGroupDirectory;
  now?: () => Date;
  /** Told when the gateway could not be asked (an outage): the invitation goes ahead unchecked. */
  onGatewayError?: (error: unknown) => void;
  /**
   * Sandbox mode only: the stand-in for a distributor's Partner Center relationship-request page,
   * used when the distributor gives no link of its own in set-up. Without it the link is required.
   */
  standInPartnerCenterLink?: (providerTenantId: string) => string;
  /** Webmail domains (E4), which a member's account never makes a reseller's own; the built-in list unless said. */
  webmail?: WebmailList;
}

/** The deps with the clock settled, as every room receives them. */
export type RoomDeps = PartnershipServiceDeps & { now: () => Date };

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const PARTNERSHIPS = 'partnerships:link:';

export const KEYS = {
  settings: (teamId: string) => `partnerships:provider:${teamId}`,
  invitation: (id: string) => `partnerships:invitation:${id}`,
  invitations: 'partnerships:invitation:',
  partnership: (providerId: string, resellerId: string) => `${PARTNERSHIPS}${partnershipId(providerId, resellerId)}`,
  /** The record of the partnership named `id` (`partnershipId`). */
  partnershipNamed: (id: string) => `${PARTNERSHIPS}${id}`,
  /** The start of every key of a provider's partnerships: its name with the reseller left out. */
  partnershipsOf: (providerId: string) => `${PARTNERSHIPS}${partnershipId(providerId, '')}`,
  /** The ordered index of a reseller's providers (partnerships.ts `listProviders`). */
  providersOf: (resellerId: string) => `partnerships:providers-of:${resellerId}`,
  partnerships: PARTNERSHIPS,
  audit: (providerId: string) => `partnerships:audit:${providerId}:`,
  audits: 'partnerships:audit:',
  /** The ordered index of a provider's audit entries (AuditLog). */
  auditOf: (providerId: string) => `partnerships:audit-of:${providerId}`,
};

/**
 * A provider's audit log: who did what, refused or done, under which rules. `/csp audit` reads it from the
 * provider's index (RecordIndex), not by prefix: on Redis that was a SCAN of the whole keyspace.
 */
export class AuditLog {
  constructor(private readonly deps: Pick<RoomDeps, 'records' | 'now'>) {}

  private entriesOf(providerId: string): RecordIndex<AuditEntry> {
    return new RecordIndex<AuditEntry>(
      this.deps.records,
      KEYS.auditOf(providerId),
      (order) => `${KEYS.audit(providerId)}${order}`,
      this.deps.now,
      KEYS.audit(providerId),
    );
  }

  async write(
    providerId: string,
    actor: Actor,
    action: AuditEntry['action'],
    outcome: AuditEntry['outcome'],
    rules: RuleId[],
    details: Record<string, string>,
  ): Promise<void> {
    const at = this.deps.now().toISOString();
    const entry: AuditEntry = { at, providerId, actor, action, outcome, rules, details };
    // Time, then this process's monotonic clock: entries written in the same millisecond keep their order.
    const order = `${at}:${process.hrtime.bigint().toString().padStart(20, '0')}:${randomBytes(3).toString('hex')}`;
    await this.entriesOf(providerId).add(order);
    await this.deps.records.compareAndSet(`${KEYS.audit(providerId)}${order}`, undefined, entry);
  }

  /** The latest entries of a provider's audit log, newest first. */
  async latest(providerId: string, limit = 20): Promise<AuditEntry[]> {
    const all = await this.entriesOf(providerId).list();
    return all
      .sort((a, b) => b.key.localeCompare(a.key))
      .slice(0, limit)
      .map((r) => r.value);
  }

  /** Indexes every stored audit entry (written before the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    const all = await this.deps.records.list<AuditEntry>(KEYS.audits);
    for (const { key, value } of all) {
      const prefix = KEYS.audit(value.providerId);
      if (key.startsWith(prefix)) await this.entriesOf(value.providerId).add(key.slice(prefix.length));
    }
    return all.length;
  }
}

/** The rules a refusal cites, once each, as the audit log records them. */
export function rulesOf(decision: Decision): RuleId[] {
  return [...new Set(decision.violations.map((v) => v.rule))];
}

/** A draft may lack its country; the region rules then refuse it as an unknown country (P6). */
export function located<T extends PartnerDraft>(partner: T): T & { country: string } {
  return { ...partner, country: partner.country ?? '' };
}
