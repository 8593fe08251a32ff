import { HOME_RESELLERS_SHOWN } from '../../cards/slack/readiness/readinessHomeBlocks';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import type { ResellerRow } from '../../services/partnerships/types';
import type { ReadinessReport, ReadyToTransact } from '../../services/readiness/readyToTransact';
import { LruMap } from '../lruMap';

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
 * The App Home's readiness section for one distributor (`/csp ready` for each of its first resellers by
 * name). Assessed in full when a rep opens the tab. When a decision redraws the App Home (after every
 * approval, for every approver: the customers' hot path, issue 18), what was read last is shown again, as
 * a customer decision changes none of the conditions; only a reseller whose partnership or reported facts
 * changed since (or that is new) is assessed again. What Partner Center alone changed shows at the next
 * opening. Per instance: another instance's redraws assess on their own.
 */
export class ReadinessHome {
  /** One entry per distributor workspace (a few), each at most HOME_RESELLERS_SHOWN reports. */
  private readonly last = new LruMap<string, Map<string, { fingerprint: string; report: ReadinessReport }>>(100);

  constructor(private readonly deps: { partnerships: PartnershipService; readiness: ReadyToTransact }) {}

  async reports(providerId: string, opened: boolean): Promise<{ reports: ReadinessReport[]; total: number }> {
    const rows = await this.deps.partnerships.listResellers(providerId);
    const shown = rows.sort((a, b) => nameOf(a).localeCompare(nameOf(b))).slice(0, HOME_RESELLERS_SHOWN);
    const known = opened ? undefined : this.last.get(providerId);
    const stale = shown.filter((row) => known?.get(row.partnership.resellerId)?.fingerprint !== fingerprint(row));
    const assessed = await this.deps.readiness.conditionsForDistributor(
      providerId,
      stale.map((row) => ({ tenantId: row.partnership.resellerId, state: row.partnership.state })),
    );
    const fresh = new Map(stale.map((row, i) => [row.partnership.resellerId, assessed[i]]));
    const next = new Map<string, { fingerprint: string; report: ReadinessReport }>();
    for (const row of shown) {
      const id = row.partnership.resellerId;
      const report = fresh.get(id) ?? known?.get(id)?.report;
      if (report) next.set(id, { fingerprint: fingerprint(row), report });
    }
    this.last.set(providerId, next);
    return { reports: [...next.values()].map((entry) => entry.report), total: rows.length };
  }
}
