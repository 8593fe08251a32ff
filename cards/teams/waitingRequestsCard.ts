/**
 * The reseller's own requests still waiting for a distributor (`requests`): what each asks for, how long
 * it has waited, and for an NCE licence change how much of NCE1's 7-day window is left, so a reseller
 * knows what is pending without asking the distributor, and sees a window closing before it has closed.
 */
import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { escapeTeamsMarkdown as md } from '../../i18n/teamsMarkdown';
import type { CustomerRequest } from '../../services/customers';
import { daysAndHours, requestClock } from '../../services/customers/requestClock';
import { cardAttachment } from '../renderCard';

type Fact = { title: string; value: string };

/** The template's data (cards/teams/waitingRequests.json). */
export interface WaitingRequestsCardData {
  title: string;
  intro: string;
  requests: Array<{ kind: string; facts: Fact[]; lines: Array<{ line: string }>; window: string }>;
  footer: string;
}

function subscriptionLine(t: Translate, request: CustomerRequest, s: CustomerRequest['subscriptions'][number]) {
  const name = s.offerName ?? s.offerId;
  return request.kind === 'licence-change'
    ? t('customers:slack.request.licenceChange', { name, from: s.previousLicences, count: s.licences })
    : t('customers:slack.resellerCustomers.subscription', { name, count: s.licences });
}

const HOUR_MS = 3_600_000;

function ageText(t: Translate, ageMs: number): string {
  return ageMs < HOUR_MS
    ? t('customers:teams.waiting.ageFresh')
    : t('customers:teams.waiting.ageValue', daysAndHours(ageMs));
}

function windowLine(t: Translate, windowLeftMs: number | undefined): string {
  if (windowLeftMs === undefined) return '';
  return windowLeftMs > 0
    ? t('customers:slack.request.windowLeft', daysAndHours(windowLeftMs))
    : t('customers:slack.request.windowClosed');
}

export function waitingRequestsCard(
  t: Translate,
  requests: CustomerRequest[],
  providerName: (providerId: string) => string,
  now: Date,
): Attachment {
  const rows = requests.map((request) => {
    const clock = requestClock(request, now);
    const facts: Fact[] = [
      { title: t('customers:teams.waiting.customer'), value: md(request.customer.companyName) },
      { title: t('customers:teams.waiting.provider'), value: md(providerName(request.providerId)) },
      {
        title: t('customers:teams.waiting.sent'),
        value: t('customers:teams.waiting.sentValue', {
          when: request.createdAt,
          who: request.requestedBy.name ?? request.requestedBy.userId,
        }),
      },
      {
        title: t('customers:teams.waiting.age'),
        value: ageText(t, clock.ageMs),
      },
    ];
    return {
      kind: t(`customers:teams.kind.${request.kind}`),
      facts,
      lines: request.subscriptions.map((s) => ({ line: `• ${subscriptionLine(t, request, s)}` })),
      window: windowLine(t, clock.windowLeftMs),
    };
  });
  return cardAttachment<WaitingRequestsCardData>('waitingRequests', {
    title: t('customers:teams.waiting.title', { count: requests.length }),
    intro: t('customers:teams.waiting.intro'),
    requests: rows,
    footer: rows.some((r) => r.window !== '') ? t('customers:teams.waiting.footer') : '',
  });
}
