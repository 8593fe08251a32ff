import type { AtomicStore } from '../storage/atomicStore';
import type { GdapGateway } from './gdapGateway';
import { GdapLinkIndexes } from './gdapLinkIndexes';
import { approvalDaysLeft, daysToEnd, type GdapStage, gdapStage } from './gdapStages';

/** Ending within this many days is "ending soon" on the distributor's list (the first reminder's, G1). */
const SOON_DAYS = 30;

export interface DistributorGdapRow {
  resellerTenantId: string;
  customerName: string;
  stage: GdapStage;
  /** Days left of the 90 (awaiting the customer) or to the end (ending soon). */
  days?: number;
  endDateTime?: string;
}

/**
 * `/csp gdap` (G1, G2): across the distributor's resellers, the relationships it created for them that wait
 * for someone (the reseller's consent, the customer's approval) and those ending within 30 days, read from
 * Graph as the distributor. Waiting first, then by what is closest.
 */
export async function distributorGdapList(
  deps: { records: AtomicStore; gdap: GdapGateway; now: () => Date },
  providerId: string,
): Promise<DistributorGdapRow[]> {
  const links = await new GdapLinkIndexes(deps.records, deps.now).ofProvider(providerId);
  const now = deps.now();
  const rows: DistributorGdapRow[] = [];
  for (const link of links) {
    const r = await deps.gdap.as(link.providerTenantId).getRelationship(link.relationshipId);
    const { stage } = gdapStage(r);
    const toEnd = daysToEnd(r, now);
    const waiting = stage === 'awaiting-reseller-consent' || stage === 'awaiting-customer';
    const endingSoon = toEnd !== undefined && toEnd <= SOON_DAYS && r.autoExtendDuration !== 'P180D';
    if (!waiting && !endingSoon) continue;
    rows.push({
      resellerTenantId: link.resellerTenantId,
      customerName: link.customerName,
      stage: endingSoon ? 'ending-soon' : stage,
      days: stage === 'awaiting-customer' ? approvalDaysLeft(r, now) : toEnd,
      endDateTime: r.endDateTime,
    });
  }
  const order = (row: DistributorGdapRow) => (row.stage === 'ending-soon' ? 1 : 0);
  return rows.sort((a, b) => order(a) - order(b) || (a.days ?? 0) - (b.days ?? 0));
}
