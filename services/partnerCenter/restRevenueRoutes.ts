/**
 * A1's revenue read on the real API: there is none to call. Partner Center's REST API gives a distributor
 * no per-reseller revenue figure. What holds the figures is the distributor's billed invoice
 * reconciliation (each line names the reseller's PartnerID), and since 2025 that comes only from the
 * "Billed invoice reconciliation API v2" on Microsoft Graph (`/reports/partners/billing/reconciliation/
 * billed/export`): an asynchronous export (202, poll the operation, then download files from Azure blob
 * storage with a SAS token) under its own permission, PartnerBilling.Read.All, in the invoice's currency.
 * That is a batch job, not a read a chat turn can wait for, so the operator runs the export and imports
 * the sums (scripts/importRevenue.ts, CSV: tenant or PartnerID, USD, period). Read 2026-12-03:
 * learn.microsoft.com/partner-center/developer/billed-invoice-reconciliation.
 */
import type { RevenueOperations } from './validatedSession';

export function revenueRoutes(): RevenueOperations {
  return { getResellerRevenue: async () => undefined };
}
