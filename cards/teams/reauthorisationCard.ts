import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import type { ResellerReauthorisation } from '../../services/reauthorisation/standing';
import { REPORTED_ITEMS } from '../../services/rules/reauthorisationRules';
import { cardAttachment } from '../renderCard';
import { itemFix, itemName, itemState } from '../reauthorisationLines';

/** The reseller's `reauthorisation` card (A1, A2): when the next review is, each item, and what it reports. */
export interface ReauthorisationCardData {
  title: string;
  anniversary: string;
  firstReview: string;
  onboarding: string;
  itemsTitle: string;
  items: Array<{ title: string; state: string; fix: string }>;
  reportTitle: string;
  reportHint: string;
  toggles: Array<{ id: string; title: string; value: 'true' | 'false' }>;
  save: string;
}

export function reauthorisationCard(t: Translate, standing: ResellerReauthorisation, provider: string): Attachment {
  const data: ReauthorisationCardData = {
    title: t('reauthorisation:card.title'),
    anniversary:
      standing.daysLeft > 0
        ? t('reauthorisation:card.anniversary', { anniversary: standing.anniversary, count: standing.daysLeft })
        : t('reauthorisation:card.anniversaryNow', { anniversary: standing.anniversary }),
    firstReview: standing.firstReview ? t('reauthorisation:card.firstReview') : '',
    onboarding: t('reauthorisation:card.onboarding', { date: standing.onboardedAt, provider }),
    itemsTitle: t('reauthorisation:card.itemsTitle'),
    items: standing.items.map((item) => ({
      title: itemName(t, item.id),
      state: itemState(t, item, 'reseller', provider),
      fix: itemFix(t, item, 'reseller', provider),
    })),
    reportTitle: t('reauthorisation:card.reportTitle'),
    reportHint: t('reauthorisation:card.reportHint'),
    toggles: REPORTED_ITEMS.map((id) => ({
      id,
      title: itemName(t, id),
      value: standing.items.find((item) => item.id === id)?.met ? 'true' : 'false',
    })),
    save: t('reauthorisation:card.save'),
  };
  return cardAttachment('reauthorisation', data);
}
