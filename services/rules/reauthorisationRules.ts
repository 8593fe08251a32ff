/**
 * Staying authorised (DOMAIN.md A1, A2): what an indirect reseller must show every year in the
 * anniversary month of its onboarding, and when its people and its distributor hear about it. Pure
 * functions over plain data, so Teams, Slack and the periodic pass give the same answer.
 */

/** A1: at least USD 1,000 of CSP revenue over the trailing 12 months, per PLA tenant. */
export const REVENUE_THRESHOLD_USD = 1000;

/** A2: Microsoft writes 90, 60 and 30 days before the anniversary month; so do we, once each. */
export const COUNTDOWN_DAYS = [90, 60, 30] as const;
export type CountdownThreshold = (typeof COUNTDOWN_DAYS)[number];

/** A1's four items: the revenue, the security score's two mandatory items, and endorsement. */
export const REAUTHORISATION_ITEMS = ['revenue', 'mfa', 'security-contact', 'endorsement'] as const;
export type ReauthorisationItemId = (typeof REAUTHORISATION_ITEMS)[number];
/** The items only the reseller can vouch for: the distributor's credentials cannot read them (API1). */
export const REPORTED_ITEMS = ['mfa', 'security-contact', 'endorsement'] as const;
export type ReportedItemId = (typeof REPORTED_ITEMS)[number];

/**
 * Where a fact comes from, shown beside it (API1): Partner Center's word through the distributor, the
 * reseller's own report, or a figure the operator imported from the distributor's billing export.
 */
export type FactSource = 'partner-center' | 'reseller-told' | 'operator-imported';

export interface RevenueFact {
  usd: number;
  source: 'partner-center' | 'operator-imported';
  /** The last day of the 12 months the figure covers (ISO date). */
  periodEnd?: string;
}

export interface ReauthorisationFacts {
  /** When the reseller's onboarding counts from (ISO timestamp); see services/reauthorisation/onboarding.ts. */
  onboardedAt: string;
  /** Undefined when nobody could tell (the real API offers no read, and nothing was imported). */
  revenue?: RevenueFact;
  /** What the reseller told us it has done, and when it told us. */
  reported: Partial<Record<ReportedItemId, { at: string }>>;
}

export interface ItemStanding {
  id: ReauthorisationItemId;
  rule: 'A1';
  met: boolean;
  /** Absent when nobody has told us anything yet. */
  source?: FactSource;
  /** When the reseller told us, or the end of the revenue period. */
  at?: string;
  usd?: number;
  /** What to do about it: `reauthorisation:fix.<code>.<reseller|distributor>` in the catalogs. */
  fix?: string;
}

export interface ReauthorisationStanding {
  /** The first day (UTC) of the anniversary month of the next review. */
  anniversary: string;
  /** Whole days from now to that first day; 0 or less inside the anniversary month. */
  daysLeft: number;
  /** A1: the first review comes once the reseller has completed 12 months; none before. */
  firstReview: boolean;
  items: ItemStanding[];
  missing: ReauthorisationItemId[];
  /** A2: the countdown notice due now, if any (only while something is missing). */
  countdown?: CountdownThreshold;
}

const DAY_MS = 86_400_000;
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/**
 * A1: the anniversary month of the next review. Reviews fall in the month of onboarding, every year,
 * starting with the first anniversary: a new reseller is exempt for its first 12 months, and by its
 * first anniversary month it has completed them. The review of a month still under way is the next one
 * until that month ends.
 */
export function nextAnniversary(onboardedAt: Date, now: Date): { start: Date; firstReview: boolean } {
  const month = onboardedAt.getUTCMonth();
  const firstYear = onboardedAt.getUTCFullYear() + 1;
  let year = Math.max(firstYear, now.getUTCFullYear() - 1);
  while (monthStart(year, month + 1).getTime() <= now.getTime()) year += 1;
  return { start: monthStart(year, month), firstReview: year === firstYear };
}

/** Whole days until `start`, counted from the start of today (UTC), so a notice's day does not depend on the hour. */
export function daysUntil(start: Date, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((start.getTime() - today) / DAY_MS);
}

/**
 * A2: which countdown notice is due with `daysLeft` days to go: the nearest threshold at or above it.
 * A pass that missed a threshold (the assistant was down) sends the one due now, not the one it missed.
 */
export function countdownThreshold(daysLeft: number): CountdownThreshold | undefined {
  if (daysLeft <= 0) return undefined;
  return [...COUNTDOWN_DAYS].reverse().find((days) => daysLeft <= days);
}

/** A1: the revenue item, met at USD 1,000 or more; unknown revenue is missing, with how to make it known. */
export function revenueItem(revenue: RevenueFact | undefined): ItemStanding {
  if (!revenue) return { id: 'revenue', rule: 'A1', met: false, fix: 'revenue-unknown' };
  const met = revenue.usd >= REVENUE_THRESHOLD_USD;
  return {
    id: 'revenue',
    rule: 'A1',
    met,
    source: revenue.source,
    at: revenue.periodEnd,
    usd: revenue.usd,
    fix: met ? undefined : 'revenue-below',
  };
}

/** A1: MFA for every admin user, a security contact, endorsement: met once the reseller told us so. */
export function reportedItem(id: ReportedItemId, reported: ReauthorisationFacts['reported']): ItemStanding {
  const told = reported[id];
  return told
    ? { id, rule: 'A1', met: true, source: 'reseller-told', at: told.at }
    : { id, rule: 'A1', met: false, fix: id };
}

/** A1 and A2 together: each item met or missing with its source and fix, the anniversary, the countdown due. */
export function reauthorisationStandingOf(facts: ReauthorisationFacts, now: Date): ReauthorisationStanding {
  const { start, firstReview } = nextAnniversary(new Date(facts.onboardedAt), now);
  const items = [revenueItem(facts.revenue), ...REPORTED_ITEMS.map((id) => reportedItem(id, facts.reported))];
  const missing = items.filter((item) => !item.met).map((item) => item.id);
  const daysLeft = daysUntil(start, now);
  return {
    anniversary: start.toISOString(),
    daysLeft,
    firstReview,
    items,
    missing,
    countdown: missing.length > 0 ? countdownThreshold(daysLeft) : undefined,
  };
}

/**
 * A2: the key that makes a countdown notice go once per reseller, distributor, anniversary and
 * threshold, whatever the number of instances and restarts.
 */
export function countdownKey(resellerTenantId: string, providerId: string, anniversary: string, days: number) {
  return `reauthorisation:${resellerTenantId}:${providerId}:${anniversary.slice(0, 7)}:${days}`;
}
