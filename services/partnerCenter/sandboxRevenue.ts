/**
 * The sandbox's answer to A1's revenue read: what a reseller earned through the calling distributor over
 * the trailing 12 months. It grows with the orders the sandbox took (each licence billed monthly at the
 * list price below), on top of what the operator says was recorded before or outside the sandbox
 * (`scripts/sandbox.ts revenue <tenant> <usd>`). Only a distributor with a relationship with the reseller
 * may read it, as only its own invoices hold that reseller's lines.
 */
import { SANDBOX_LEGACY_OFFER } from './offerCatalogue';
import { type CustomerRecord, keys, type RelationshipRecord, type SubscriptionRecord } from './sandboxRecords';
import { fail, type SandboxState } from './sandboxState';
import type { RevenueOperations } from './validatedSession';

/** Monthly USD list prices per licence, close to Microsoft's public ones; demo data, not a price list. */
const MONTHLY_USD: Record<string, number> = {
  'CFQ7TTC0LH18:0001': 6,
  'CFQ7TTC0LDPB:0001': 12.5,
  'CFQ7TTC0LCHC:0002': 22,
  'CFQ7TTC0LFLX:0001': 36,
  'CFQ7TTC0LH16:0001': 4,
  [SANDBOX_LEGACY_OFFER.id]: 23,
};

/** What the operator set: revenue recorded outside the sandbox's own orders, per reseller. */
export interface RevenueBaseline {
  usd: number;
  setAt: string;
}

export const revenueKey = (resellerTenantId: string) => `pc:revenue:${resellerTenantId}`;

const YEAR_MS = 365 * 86_400_000;
const MONTH_MS = YEAR_MS / 12;

/** Monthly billings of one subscription that fall inside the 12 months ending `now` (one at purchase). */
export function billingsInWindow(createdAt: number, now: number): number {
  if (createdAt > now) return 0;
  const since = Math.max(createdAt, now - YEAR_MS);
  const first = createdAt >= now - YEAR_MS ? 1 : 0;
  return Math.min(12, first + Math.floor((now - since) / MONTH_MS));
}

export function revenueOperations(state: SandboxState, callerTenantId: string): RevenueOperations {
  return {
    getResellerRevenue: async (resellerTenantId) => {
      await state.requirePartner(callerTenantId);
      const related = await state.read<RelationshipRecord>(keys.relationship(callerTenantId, resellerTenantId));
      if (!related) throw fail('not-found', `Tenant ${resellerTenantId} is not one of your indirect resellers.`);
      const now = state.now();
      const customers = (await state.list<CustomerRecord>(keys.allCustomers())).filter(
        (c) => c.billingPartnerTenantId === callerTenantId && c.associatedPartnerId === resellerTenantId,
      );
      let usd = (await state.read<RevenueBaseline>(revenueKey(resellerTenantId)))?.usd ?? 0;
      for (const customer of customers) {
        for (const sub of await state.list<SubscriptionRecord>(keys.subscriptionsOf(customer.tenantId))) {
          usd += (MONTHLY_USD[sub.offerId] ?? 0) * sub.quantity * billingsInWindow(Date.parse(sub.createdAt), now);
        }
      }
      return {
        resellerTenantId,
        usd: Math.round(usd * 100) / 100,
        periodStart: new Date(now - YEAR_MS).toISOString().slice(0, 10),
        periodEnd: new Date(now).toISOString().slice(0, 10),
      };
    },
  };
}
