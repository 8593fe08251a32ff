import { AUTO_EXTEND_DAYS, autoExtendDays, GDAP_REQUEST_EXPIRY_DAYS, isoDurationDays } from '../rules/gdapRules';
import type { AccessAssignment, GdapRelationship, GdapRequest, GdapStatus } from './gdapGateway';
import type { AtomicStore } from '../storage/atomicStore';
import { IndexedListings, type ListedCollection } from '../storage/indexedListings';

/**
 * What the GDAP sandbox keeps per relationship: the facts (who, what roles, how long) and the moments
 * things happened. The status is not stored but read from those moments and the clock, so moving the
 * clock walks a relationship through its real states (G1) with nobody writing in between.
 */
export interface GdapRecord {
  id: string;
  displayName: string;
  duration: string;
  autoExtendDuration: string;
  customerTenantId: string;
  customerDisplayName?: string;
  roles: string[];
  /** The partner that holds the admin access: the caller, or the reseller it was created for (G2). */
  partnerTenantId: string;
  /** G2: the distributor that created it for its reseller. */
  indirectProviderTenantId?: string;
  /** G2: the reseller's answer; pending until it approves or rejects. */
  consent?: 'pending' | 'approved' | 'rejected';
  createdAt: number;
  lockedAt?: number;
  /** The customer's Global admin approved (G1). */
  approvedAt?: number;
  terminationRequestedAt?: number;
  /** Ended at once: the reseller rejected it (G2), or its partner was suspended (G4). */
  endedAt?: number;
  endedBecause?: 'rejected' | 'partner-suspended';
  lastModifiedAt: number;
  requests: GdapRequest[];
  assignments: AccessAssignment[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Microsoft's expiry notices start 30 days before the end; the sandbox shows `expiring` from then. */
export const EXPIRING_WINDOW_MS = 30 * DAY_MS;

export const gdapKeys = {
  relationship: (id: string) => `gdap:rel:${id}`,
  all: () => 'gdap:rel:',
};

/** What the GDAP sandbox lists: every relationship. */
export const GDAP_SANDBOX_LISTINGS: readonly ListedCollection[] = [{ root: gdapKeys.all(), whole: true }];

/** The store as the GDAP sandbox reads and writes it: its listing from its index (IndexedListings). */
export function gdapSandboxRecords(records: AtomicStore): AtomicStore {
  return new IndexedListings(records, GDAP_SANDBOX_LISTINGS);
}

/** When an active relationship ends: activated + duration, pushed on by 180 days each time auto-extend applies. */
export function endOfActive(record: GdapRecord, now: number): number {
  const activated = record.approvedAt ?? now;
  let end = activated + (isoDurationDays(record.duration) ?? 0) * DAY_MS;
  if (autoExtendDays(record.autoExtendDuration) === AUTO_EXTEND_DAYS) {
    while (end <= now) end += AUTO_EXTEND_DAYS * DAY_MS;
  }
  return end;
}

/** G1: the status Graph would show now, and when the relationship ended or ends. */
export function statusAt(record: GdapRecord, now: number, stepMs: number): { status: GdapStatus; endsAt?: number } {
  if (record.endedAt !== undefined) return { status: 'terminated', endsAt: record.endedAt };
  if (record.terminationRequestedAt !== undefined) {
    const since = now - record.terminationRequestedAt;
    if (since < stepMs) return { status: 'terminationRequested' };
    if (since < 2 * stepMs) return { status: 'terminating' };
    return { status: 'terminated', endsAt: record.terminationRequestedAt + 2 * stepMs };
  }
  if (record.approvedAt !== undefined) {
    const end = endOfActive(record, now);
    if (now >= end) return { status: 'expired', endsAt: end };
    return { status: end - now <= EXPIRING_WINDOW_MS ? 'expiring' : 'active', endsAt: end };
  }
  if (record.lockedAt !== undefined) {
    const expires = record.lockedAt + GDAP_REQUEST_EXPIRY_DAYS * DAY_MS;
    return now >= expires ? { status: 'expired', endsAt: expires } : { status: 'approvalPending' };
  }
  return { status: 'created' };
}

/** The record as Graph answers it. */
export function toRelationship(record: GdapRecord, now: number, stepMs: number): GdapRelationship {
  const { status, endsAt } = statusAt(record, now, stepMs);
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    id: record.id,
    displayName: record.displayName,
    duration: record.duration,
    autoExtendDuration: record.autoExtendDuration,
    status,
    customer: { tenantId: record.customerTenantId, displayName: record.customerDisplayName },
    roles: [...record.roles],
    createdDateTime: new Date(record.createdAt).toISOString(),
    activatedDateTime: iso(record.approvedAt),
    endDateTime: iso(endsAt),
    lastModifiedDateTime: new Date(record.lastModifiedAt).toISOString(),
    reseller: record.indirectProviderTenantId
      ? {
          indirectProviderTenantId: record.indirectProviderTenantId,
          isPartnerConsentPending: record.consent === 'pending',
        }
      : undefined,
  };
}
