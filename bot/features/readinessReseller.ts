import type { ResellerRow } from '../../services/partnerships/types';

/**
 * Which of the distributor's resellers `/csp ready <words>` names: its tenant id, its PartnerID or a
 * part of its name, one match only. A last word with a dot may be a customer's domain
 * (`/csp ready fabrikam piekarnia.pl`); a name with dots in it (`sp. z o.o.`) is tried whole first.
 */
export function matchReseller(
  rows: ResellerRow[],
  args: string,
): { resellerId: string; customerDomain?: string } | undefined {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const one = (wanted: string) => {
    const w = wanted.toLowerCase();
    const matches = rows.filter(
      (r) =>
        r.partnership.resellerId.toLowerCase() === w ||
        r.reseller?.mpnId === wanted ||
        (r.reseller?.legalName ?? '').toLowerCase().includes(w),
    );
    return matches.length === 1 ? matches[0].partnership.resellerId : undefined;
  };
  if (words.length === 0) return undefined;
  const whole = one(words.join(' '));
  if (whole) return { resellerId: whole };
  const last = words[words.length - 1];
  if (words.length > 1 && last.includes('.')) {
    const resellerId = one(words.slice(0, -1).join(' '));
    if (resellerId) return { resellerId, customerDomain: last };
  }
  return undefined;
}
