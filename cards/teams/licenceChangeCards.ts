/**
 * Step 2 of a licence-count change (R1, NCE1): each subscription of the customer with its count to
 * change, and for an NCE licence subscription how much of the 7-day window to reduce is left, so the
 * reseller knows before asking whether a reduction can still be approved.
 */
import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { plainTranslator } from '../../i18n/teamsMarkdown';
import { daysAndHours } from '../../services/customers/requestClock';
import type { Subscription } from '../../services/partnerCenter/gateway';
import { cancellationWindowLeftMs, isNceLicenceOffer } from '../../services/rules/newCommerceRules';
import { cardAttachment } from '../renderCard';

type Fact = { title: string; value: string };

/** The licence-change card's data (cards/teams/licenceChange.json). */
export interface LicenceChangeCardData {
  draftId: string;
  facts: Fact[];
  title: string;
  intro: string;
  none: string;
  subscriptions: Array<{ id: string; label: string; value: number }>;
  labels: { review: string; cancel: string };
}

function windowText(t: Translate, s: Subscription, now: Date): string {
  if (!isNceLicenceOffer(s.offerId) || !s.creationDate) return '';
  const left = cancellationWindowLeftMs(s.creationDate, now);
  return left > 0
    ? t('customers:slack.request.windowLeft', daysAndHours(left))
    : t('customers:slack.request.windowClosed');
}

export function licenceChangeCard(
  t: Translate,
  common: { draftId: string; facts: Fact[]; company: string },
  subscriptions: Subscription[],
  now: Date,
): Attachment {
  return cardAttachment<LicenceChangeCardData>('licenceChange', {
    draftId: common.draftId,
    facts: common.facts,
    title: t('customers:teams.licenceChange.title'),
    intro: t('customers:teams.licenceChange.intro', { company: common.company }),
    none: subscriptions.length ? '' : t('customers:teams.subscriptions.none'),
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      // An input's label shows its text as it is.
      label: [
        plainTranslator(t)('customers:teams.licenceChange.line', { name: s.offerName ?? s.offerId, count: s.quantity }),
        windowText(plainTranslator(t), s, now),
      ]
        .filter(Boolean)
        .join(' · '),
      value: s.quantity,
    })),
    labels: { review: t('customers:teams.next.review'), cancel: t('customers:teams.next.cancel') },
  });
}
