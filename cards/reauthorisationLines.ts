import type { Translate } from '../i18n/i18n';
import {
  type ItemStanding,
  REVENUE_THRESHOLD_USD,
  type ReauthorisationItemId,
} from '../services/rules/reauthorisationRules';

/**
 * A1's items in words, shared by the Teams card, the Teams notice and the Slack notice: what the item
 * is, what we know of it and from whom (API1: Partner Center's word, the reseller's, the operator's),
 * and what the reader can do about it. The reseller and the distributor read different fixes.
 */
export type Audience = 'reseller' | 'distributor';

export function itemName(t: Translate, id: ReauthorisationItemId): string {
  return t(`reauthorisation:item.${id}`);
}

/** What we know of an item: met or missing, the revenue figure, and its source with its date. */
export function itemState(t: Translate, item: ItemStanding, audience: Audience, provider: string): string {
  const parts = [t(item.met ? 'reauthorisation:met' : 'reauthorisation:missing')];
  if (item.id === 'revenue') {
    parts.push(
      item.usd === undefined
        ? t('reauthorisation:revenue.unknown')
        : t('reauthorisation:revenue.figure', { usd: item.usd, provider }),
    );
  }
  if (item.source === 'reseller-told') {
    const key = audience === 'reseller' ? 'reseller-told' : 'reseller-told-distributor';
    parts.push(t(`reauthorisation:source.${key}`, { at: item.at }));
  } else if (item.source) {
    parts.push(t(`reauthorisation:source.${item.source}`));
  }
  return parts.join(' · ');
}

/** What to do about a missing item, addressed to its reader. */
export function itemFix(t: Translate, item: Pick<ItemStanding, 'fix' | 'usd'>, audience: Audience, provider: string) {
  if (!item.fix) return '';
  const short = Math.max(0, REVENUE_THRESHOLD_USD - (item.usd ?? 0));
  return t(`reauthorisation:fix.${item.fix}.${audience}`, { short, provider });
}

/**
 * The countdown notice (A2) in the reader's words: how long, then each missing item with its fix, then,
 * 30 days before, what failing costs (A2: the authorisation, and a year before enrolling again there).
 */
export function countdownText(t: Translate, params: Record<string, unknown>, audience: Audience): string {
  const provider = typeof params.providerName === 'string' ? params.providerName : '';
  const missing = Array.isArray(params.missing) ? (params.missing as ReauthorisationItemId[]) : [];
  const usd = typeof params.usd === 'number' ? params.usd : undefined;
  const lines = [
    t(`reauthorisation:countdown.${audience}`, {
      days: params.days,
      anniversary: params.anniversary,
      companyName: params.companyName,
    }),
    t('reauthorisation:countdown.missingTitle'),
    ...missing.map((id) => {
      const fix = id === 'revenue' ? (usd === undefined ? 'revenue-unknown' : 'revenue-below') : id;
      return `• ${itemName(t, id)} — ${itemFix(t, { fix, usd }, audience, provider)}`;
    }),
  ];
  if (params.days === 30) lines.push(t(`reauthorisation:countdown.final.${audience}`));
  if (audience === 'reseller') lines.push(t('reauthorisation:countdown.more'));
  return lines.join('\n\n');
}
