import { HOME_RESELLERS_SHOWN, type ReadinessHomePage } from '../../cards/slack/readiness/readinessHomeBlocks';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import type { ResellerRow } from '../../services/partnerships/types';
import type { ReadinessReport, ReadyToTransact } from '../../services/readiness/readyToTransact';
import { LRUCache } from 'lru-cache';

/** What the assistant itself holds of a reseller's row: when it changes, its assessment is read again. */
const fingerprint = (row: ResellerRow) =>
  JSON.stringify([
    row.partnership.state,
    row.partnership.decidedAt,
    row.reseller?.legalName,
    row.reseller?.mpnId,
    row.reseller?.country,
    row.reseller?.status,
  ]);

const nameOf = (row: ResellerRow) => row.reseller?.legalName ?? row.partnership.resellerId;

/**
 * One page of the rep's resellers: those not ready to order first (what the rep acts on), then those ready,
 * each group in the order given (by name: a reseller stays where the rep found it). A page past the last
 * (resellers gone since the button was drawn) is the last; anything else not a page is the first.
 */
export function homePage(
  reports: ReadinessReport[],
  wanted: number,
  perPage = HOME_RESELLERS_SHOWN,
): ReadinessHomePage {
  const notReady = reports.filter((r) => !r.ready);
  const ordered = [...notReady, ...reports.filter((r) => r.ready)];
  const pages = Math.max(1, Math.ceil(ordered.length / perPage));
  const page = Number.isInteger(wanted) && wanted > 1 ? Math.min(wanted, pages) : 1;
  const offset = (page - 1) * perPage;
  return {
    reports: ordered.slice(offset, offset + perPage),
    page,
    pages,
    offset,
    total: reports.length,
    notReady: notReady.length,
  };
}

/**
 * The App Home's readiness section for one distributor (`/csp ready` for each of its resellers by name).
 * Every reseller is assessed, not only the page shown: how many are not ready, and which come first, need
 * them all. That costs one Partner Center read per reseller (agreementstatus) and its records, four
 * resellers at a time, plus the relationship list once and validateresellers once for every PartnerID
 * (R1: it takes a list): for 40 resellers, 42 reads (test/bot/features/readinessHome.test.ts counts
 * them). It is paid when a rep opens the tab; a page turned, or a decision redrawing the App Home
 * (after every approval, for every approver: the customers' hot path, issue 18), shows what was read
 * last, as neither changes the conditions; only a reseller whose partnership or reported facts changed
 * since (or that is new) is assessed again. What Partner Center alone
 * changed shows at the next opening. Per instance: another instance's redraws assess on their own.
 */
export class ReadinessHome {
  /** One entry per distributor workspace (a few), each one report per reseller. */
  private readonly last = new LRUCache<string, Map<string, { fingerprint: string; report: ReadinessReport }>>({
    max: 100,
  });

  constructor(private readonly deps: { partnerships: PartnershipService; readiness: ReadyToTransact }) {}

  /** Every reseller's report, by name. */
  async reports(providerId: string, opened: boolean): Promise<ReadinessReport[]> {
    const rows = (await this.deps.partnerships.listResellers(providerId)).sort((a, b) =>
      nameOf(a).localeCompare(nameOf(b)),
    );
    const known = opened ? undefined : this.last.get(providerId);
    const stale = rows.filter((row) => known?.get(row.partnership.resellerId)?.fingerprint !== fingerprint(row));
    const assessed = await this.deps.readiness.conditionsForDistributor(
      providerId,
      stale.map((row) => ({ tenantId: row.partnership.resellerId, state: row.partnership.state })),
    );
    const fresh = new Map(stale.map((row, i) => [row.partnership.resellerId, assessed[i]]));
    const next = new Map<string, { fingerprint: string; report: ReadinessReport }>();
    for (const row of rows) {
      const id = row.partnership.resellerId;
      const report = fresh.get(id) ?? known?.get(id)?.report;
      if (report) next.set(id, { fingerprint: fingerprint(row), report });
    }
    this.last.set(providerId, next);
    return [...next.values()].map((entry) => entry.report);
  }

  /** The page `wanted` of the rep's resellers, `perPage` at a time. */
  async page(providerId: string, opened: boolean, wanted: number, perPage?: number): Promise<ReadinessHomePage> {
    return homePage(await this.reports(providerId, opened), wanted, perPage);
  }
}
