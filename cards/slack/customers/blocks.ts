import type { KnownBlock, ModalView } from '@slack/types';
import { countryName, languageOf } from '../../../i18n/format';
import type { Translate } from '../../../i18n/i18n';

export const CUSTOMER_ACTION = {
  approve: 'customers.approve',
  reject: 'customers.reject',
} as const;

export const CUSTOMER_CALLBACK = { reject: 'customers.reject' } as const;

/** The reject modal's reason field: block id and action id. */
export const REASON_BLOCK = 'reason';
export const REASON_ACTION = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text: text.slice(0, 150), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: text.slice(0, 3000) });

/** What the approval message shows: already translated lines, so the builder holds no business rule. */
export interface RequestView {
  id: string;
  reseller: string;
  requestedBy: string;
  companyName: string;
  domain: string;
  country: string;
  adminEmail: string;
  subscriptions: Array<{ name: string; licences: number }>;
  /** The rule checks that passed, one line each (already translated). */
  checks: string[];
  /** Set once decided: "Approved by … at …" / "Rejected by … at …: reason". */
  decided?: string;
}

/** The request in the distributor's approvals channel: details, rule checks, Approve / Reject or the decision. */
export function requestBlocks(t: Translate, view: RequestView): KnownBlock[] {
  const lines = [
    `*${t('customers:slack.request.customer')}:* ${view.companyName} (${view.domain}, ${countryName(languageOf(t), view.country)})`,
    `*${t('customers:slack.request.admin')}:* ${view.adminEmail}`,
    `*${t('customers:slack.request.reseller')}:* ${view.reseller} (${view.requestedBy})`,
  ];
  const subscriptions = view.subscriptions
    .map((s) => `• ${t('customers:slack.request.subscription', { name: s.name, count: s.licences })}`)
    .join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('customers:slack.request.title')) },
    { type: 'section', text: mrkdwn(lines.join('\n')) },
    { type: 'section', text: mrkdwn(`*${t('customers:slack.request.subscriptions')}*\n${subscriptions}`) },
    { type: 'context', elements: [mrkdwn(view.checks.map((c) => `✓ ${c}`).join('\n') || '-')] },
  ];
  if (view.decided) {
    blocks.push({ type: 'section', text: mrkdwn(view.decided) });
  } else {
    blocks.push({
      type: 'actions',
      block_id: `customers.request.${view.id}`.slice(0, 255),
      elements: [
        {
          type: 'button',
          action_id: CUSTOMER_ACTION.approve,
          style: 'primary',
          text: plain(t('customers:slack.request.approve')),
          value: view.id,
        },
        {
          type: 'button',
          action_id: CUSTOMER_ACTION.reject,
          style: 'danger',
          text: plain(t('customers:slack.request.reject')),
          value: view.id,
        },
      ],
    });
  }
  return blocks;
}

/** Reject asks why; the reseller is told the reason. */
export function rejectModal(t: Translate, requestId: string, companyName: string): ModalView {
  return {
    type: 'modal',
    callback_id: CUSTOMER_CALLBACK.reject,
    private_metadata: requestId,
    title: plain(t('customers:slack.reject.title')),
    submit: plain(t('customers:slack.reject.submit')),
    close: plain(t('customers:slack.reject.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('customers:slack.reject.intro', { company: companyName })) },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plain(t('customers:slack.reject.reason')),
        element: { type: 'plain_text_input', action_id: REASON_ACTION, multiline: true, max_length: 500 },
      },
    ],
  };
}
