import { z } from 'zod';
import { mpnIdSchema, tenantIdSchema } from '../domain/identifiers';

/**
 * A1 for operators of the real API (restRevenueRoutes.ts says why there is no read): the sums of their
 * billed invoice reconciliation export per reseller, as a CSV of `reseller,usd,periodEnd` (a header row
 * is allowed), the reseller named by its tenant id or its PartnerID (PLA ID, formerly MPN ID), the period
 * the 12 months ending on `periodEnd` (YYYY-MM-DD). Every bad line is named; none is half-read.
 */
export interface RevenueLine {
  line: number;
  reseller: { tenantId: string } | { partnerId: string };
  usd: number;
  periodStart: string;
  periodEnd: string;
}

export interface RevenueLineProblem {
  line: number;
  text: string;
  problem: 'columns' | 'reseller' | 'usd' | 'period';
}

const isoDate = z.iso.date();

function yearBefore(periodEnd: string): string {
  const end = new Date(`${periodEnd}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() - 1);
  end.setUTCDate(end.getUTCDate() + 1);
  return end.toISOString().slice(0, 10);
}

export function parseRevenueCsv(text: string): { lines: RevenueLine[]; problems: RevenueLineProblem[] } {
  const lines: RevenueLine[] = [];
  const problems: RevenueLineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const cells = trimmed.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (index === 0 && !/\d/.test(cells[1] ?? '')) return; // a header row
    if (cells.length !== 3) return void problems.push({ line, text: trimmed, problem: 'columns' });
    const [who, amount, periodEnd] = cells as [string, string, string];
    const tenant = tenantIdSchema.safeParse(who);
    const partnerId = mpnIdSchema.safeParse(who);
    if (!tenant.success && !partnerId.success) return void problems.push({ line, text: trimmed, problem: 'reseller' });
    const usd = Number(amount.replace(/\s/g, ''));
    if (!/^\d+(\.\d+)?$/.test(amount.replace(/\s/g, '')) || !Number.isFinite(usd)) {
      return void problems.push({ line, text: trimmed, problem: 'usd' });
    }
    if (!isoDate.safeParse(periodEnd).success) return void problems.push({ line, text: trimmed, problem: 'period' });
    lines.push({
      line,
      reseller: tenant.success ? { tenantId: tenant.data.toLowerCase() } : { partnerId: partnerId.data as string },
      usd,
      periodStart: yearBefore(periodEnd),
      periodEnd,
    });
  });
  return { lines, problems };
}
