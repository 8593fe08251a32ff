import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import type { ReportedItemId } from '../rules/reauthorisationRules';

/**
 * What the assistant keeps for A1 beyond Partner Center: the security and endorsement items the reseller
 * reported (with when and who), and the revenue an operator imported where the real API offers no read.
 *
 *   reauthorisation:reported:<resellerTenantId>   { mfa?: { at, by }, security-contact?: ..., endorsement?: ... }
 *   reauthorisation:revenue:<resellerTenantId>    { usd, periodStart, periodEnd, importedAt }
 *   reauthorisation:told:<countdown key>          a countdown notice handed to the outbox (A2)
 */
export const REAUTH_KEYS = {
  reported: (tenantId: string) => `reauthorisation:reported:${tenantId}`,
  revenue: (tenantId: string) => `reauthorisation:revenue:${tenantId}`,
  told: (countdownKey: string) => `reauthorisation:told:${countdownKey}`,
};

export interface ReportedRecord {
  at: string;
  /** The Teams user (Entra object id) who told us. */
  by: string;
}
export type ReportedItems = Partial<Record<ReportedItemId, ReportedRecord>>;

export interface ImportedRevenue {
  usd: number;
  periodStart: string;
  periodEnd: string;
  importedAt: string;
}

/** The reseller's reported items, as told; a later report of an item keeps the first date it was told. */
export async function readReported(records: AtomicStore, tenantId: string): Promise<ReportedItems> {
  return (await records.read<ReportedItems>(REAUTH_KEYS.reported(tenantId)))?.value ?? {};
}

/**
 * Records what the reseller says it has done (`done`) and withdraws what it says it has not: one atomic
 * update, so two colleagues ticking at once both count. Returns the items as now held.
 */
export async function recordReported(
  records: AtomicStore,
  tenantId: string,
  answers: Partial<Record<ReportedItemId, boolean>>,
  by: string,
  now: Date,
): Promise<ReportedItems> {
  const { value } = await updateRecord<ReportedItems>(records, REAUTH_KEYS.reported(tenantId), (current = {}) => {
    const next: ReportedItems = { ...current };
    for (const [id, done] of Object.entries(answers) as Array<[ReportedItemId, boolean]>) {
      if (done && !next[id]) next[id] = { at: now.toISOString(), by };
      if (!done) delete next[id];
    }
    return JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
  });
  return value ?? {};
}

export async function readImportedRevenue(records: AtomicStore, tenantId: string) {
  return (await records.read<ImportedRevenue>(REAUTH_KEYS.revenue(tenantId)))?.value;
}

export async function writeImportedRevenue(records: AtomicStore, tenantId: string, revenue: ImportedRevenue) {
  await updateRecord<ImportedRevenue>(records, REAUTH_KEYS.revenue(tenantId), () => revenue);
}
