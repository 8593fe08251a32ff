/**
 * E5's official timing as what to expect: Microsoft's review "can take several days", usually 3 to 5
 * business days (DOMAIN.md, "What Partner Center itself offers"). The assistant cannot watch the review
 * itself (API1), so `status` tells the reseller when, counted from the submission it told us of, an
 * answer is usually due. Weekends are skipped; public holidays are not known here and are not.
 */
export const VERIFICATION_BUSINESS_DAYS = { usual: 3, longest: 5 } as const;

export interface VerificationWindow {
  /** ISO dates (UTC): the usual earliest and latest day for Microsoft's answer. */
  from: string;
  to: string;
}

export function expectedVerificationWindow(submittedAt: string): VerificationWindow | undefined {
  const start = new Date(submittedAt);
  if (Number.isNaN(start.getTime())) return undefined;
  return {
    from: addBusinessDays(start, VERIFICATION_BUSINESS_DAYS.usual).toISOString(),
    to: addBusinessDays(start, VERIFICATION_BUSINESS_DAYS.longest).toISOString(),
  };
}

function addBusinessDays(start: Date, days: number): Date {
  const day = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}
